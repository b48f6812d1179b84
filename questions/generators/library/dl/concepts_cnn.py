"""Multiple-choice concept questions on CNNs: equivariance and invariance, pooling, 1×1
convolutions, VGG and ResNet design. Each wrong option carries its own feedback."""

from __future__ import annotations

from ...registry import register
from .common import ConceptQuestion, Item, concept_params

CNN_BANK = (
    Item(
        "A convolution layer is applied to an image and to the same image shifted right by "
        "3 pixels (ignore the borders). How do the two feature maps compare?",
        "The second feature map is the first one shifted right by 3 pixels",
        "Convolution is translation equivariant, f(t(x)) = t(f(x)): the same kernel slides "
        "over every position.",
        (
            (
                "The two feature maps are identical",
                "That would be invariance, f(t(x)) = f(x); convolution is equivariant: its output shifts with the input.",
            ),
            (
                "They are unrelated, because each position has its own weights",
                "A convolution shares one kernel across all positions, so shifting the input shifts the output.",
            ),
            (
                "The second feature map is the first one rotated",
                "Convolution is equivariant to translations, not to rotations.",
            ),
        ),
    ),
    Item(
        "Which operation makes a CNN's output approximately invariant to small translations "
        "of the input?",
        "Pooling over local neighbourhoods (e.g. max pooling)",
        "A small shift rarely changes the maximum of a window, so the pooled output barely "
        "changes.",
        (
            (
                "A 1×1 convolution",
                "A 1×1 convolution mixes channels at each position; it is equivariant to shifts, not invariant.",
            ),
            ("Zero padding", "Padding only controls the output size at the borders."),
            (
                "Adding more filters to each layer",
                "More filters give more feature maps, each still shifting with the input.",
            ),
        ),
    ),
    Item(
        "What problem did ResNet's identity shortcut connections address?",
        "Very deep plain networks training worse than shallower ones, because signals and "
        "gradients struggle to pass through many layers",
        "With y = F(x) + x the gradient always has a direct path back, so networks of 100+ "
        "layers train well.",
        (
            (
                "Overfitting of small networks",
                "Shortcuts were introduced for very deep networks whose training error got worse (degradation), not for overfitting.",
            ),
            (
                "The high cost of large convolution kernels",
                "That motivated stacks of small 3×3 kernels (VGG) and 1×1 bottlenecks, not the shortcuts.",
            ),
            (
                "The need for labelled training data",
                "Shortcuts change how gradients flow, not how much data is needed.",
            ),
        ),
    ),
    Item(
        "What does a 1×1 convolution do?",
        "It mixes the channels at each position, e.g. to reduce the number of channels",
        "Each output channel is a learned weighted sum of the input channels at the same pixel.",
        (
            (
                "It halves the height and width",
                "With stride 1 a 1×1 convolution keeps the spatial size; pooling or a stride reduces it.",
            ),
            ("It has no learnable parameters", "It has C_in·C_out weights plus C_out biases."),
            (
                "It blurs each pixel with its neighbours",
                "A 1×1 kernel sees a single position, so it cannot combine neighbours.",
            ),
        ),
    ),
    Item(
        "Why does a convolution layer need far fewer parameters than a fully connected layer "
        "on the same image?",
        "Each small kernel connects only to a local window and is shared across all positions",
        "Sparse connections and weight sharing make the count independent of the image size.",
        (
            (
                "Pooling layers store most of the weights",
                "Pooling layers have no learnable parameters.",
            ),
            (
                "Convolutions have no biases",
                "Convolutions usually have one bias per filter; the saving comes from small shared kernels.",
            ),
            (
                "ReLU sets half of the weights to zero",
                "ReLU acts on activations, not on weights, and removes no parameters.",
            ),
        ),
    ),
    Item(
        "VGG stacks two 3×3 convolutions instead of one 5×5 convolution. Compared with the "
        "5×5 layer (same channel count C), the stack...",
        "sees the same 5×5 receptive field with fewer parameters (18C² vs 25C²) and one more "
        "nonlinearity",
        "Two 3×3 layers have receptive field 3 + 2 = 5.",
        (
            (
                "sees a larger receptive field",
                "The receptive field of two stacked 3×3 layers is 5×5, the same as one 5×5 layer.",
            ),
            ("has more parameters, and so more capacity", "2 · 9C² = 18C² is fewer than 25C²."),
            ("removes the need for padding", "Padding is still needed to keep the spatial size."),
        ),
    ),
    Item(
        "How many learnable parameters does a 2×2 max-pooling layer have?",
        "None",
        "Max pooling is a fixed operation: it only picks the largest value in each window.",
        (
            ("4 per channel", "Pooling has no weights; it does not learn which entry to pick."),
            ("4 per channel plus a bias", "Pooling has neither weights nor biases."),
            ("One per output position", "Pooling is a fixed operation with no parameters at all."),
        ),
    ),
    Item(
        "A residual block outputs y = F(x) + x. If the best mapping for this block is the "
        "identity, what does F have to learn?",
        "F(x) = 0, which its weights reach by shrinking toward zero",
        "Learning a zero residual is easier than learning the identity through a stack of "
        "nonlinear layers.",
        (
            ("F(x) = x", "Then y = 2x; the shortcut already supplies x, so F should output 0."),
            ("F(x) = −x", "Then y = 0; for the identity, F should output 0."),
            (
                "A copy of the previous block's weights",
                "Copying weights does not make y = x; the residual F must vanish.",
            ),
        ),
    ),
    Item(
        "Which change popularised by AlexNet made deep CNNs train much faster than with tanh "
        "or sigmoid units?",
        "ReLU activations",
        "ReLU does not saturate for positive inputs, so gradients do not shrink there.",
        (
            (
                "Average pooling",
                "AlexNet used (overlapping) max pooling; its speed-up came from ReLU.",
            ),
            (
                "Removing all fully connected layers",
                "AlexNet ends with three large fully connected layers.",
            ),
            (
                "1×1 convolutions",
                "1×1 convolutions became common later (Network in Network, GoogLeNet).",
            ),
        ),
    ),
)


@register
class CnnConcepts(ConceptQuestion):
    slug = "cnn-concepts"
    title = "CNN concepts"
    area = "dl"
    topic = "cnn-architectures"
    difficulty = 1
    bank = CNN_BANK
    params = concept_params(len(CNN_BANK))
