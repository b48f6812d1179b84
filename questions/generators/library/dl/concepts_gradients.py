"""Multiple-choice concept questions on gradient flow: vanishing and exploding gradients,
skip connections, initialisation. Each wrong option carries its own feedback."""

from __future__ import annotations

from ...registry import register
from .common import ConceptQuestion, Item, concept_params

GRADIENT_BANK = (
    Item(
        "Why do gradients tend to vanish in a deep network of sigmoid layers?",
        "The sigmoid's derivative is at most 0.25, and backprop multiplies one such factor "
        "per layer",
        "A product of many factors below 1 shrinks geometrically toward 0.",
        (
            (
                "The sigmoid's output is unbounded",
                "The sigmoid is bounded in (0, 1); the problem is its small derivative.",
            ),
            (
                "Sigmoid layers have no parameters",
                "The layers have weights; the activation's derivative is what shrinks the gradient.",
            ),
            (
                "The loss is always zero with sigmoid outputs",
                "The loss is not zero; its gradient shrinks as it flows back through saturating units.",
            ),
        ),
    ),
    Item(
        "Which change most directly helps gradients reach the early layers of a very deep network?",
        "Adding residual (skip) connections",
        "The identity path adds a term to every layer's local derivative, so the gradient "
        "has a direct route back.",
        (
            (
                "Replacing ReLU with sigmoid",
                "Sigmoid saturates and has derivative at most 0.25, which makes vanishing worse.",
            ),
            ("Removing the biases", "Biases barely affect how gradients flow between layers."),
            (
                "Initialising every weight to zero",
                "Zero weights block the gradient and make all units identical.",
            ),
        ),
    ),
    Item(
        "Exploding gradients when training an RNN are usually handled by...",
        "clipping the gradient norm to a threshold",
        "Rescaling large gradients keeps single steps from ruining the weights.",
        (
            (
                "increasing the learning rate",
                "A larger learning rate makes exploding updates worse.",
            ),
            (
                "dropping the hidden state between time steps",
                "Without the hidden state the network is no longer recurrent.",
            ),
            (
                "replacing tanh with a sigmoid",
                "The activation changes little; large recurrent weights cause the explosion.",
            ),
        ),
    ),
    Item(
        "With a skip connection x_d = f(x_c) + x_b, where x_c depends on x_b, the gradient "
        "∂loss/∂x_b is...",
        "the sum of the gradient along the main path through x_c and the gradient along the "
        "skip path",
        "By the multivariable chain rule, gradients along all paths from x_b to the loss add.",
        (
            (
                "only the gradient along the main path",
                "x_b also reaches x_d directly through the skip, which adds a term.",
            ),
            (
                "the product of the two path gradients",
                "Gradients of parallel paths add; factors multiply only along one path.",
            ),
            (
                "only the gradient along the skip path",
                "x_b also reaches x_d through x_c, which adds a term.",
            ),
        ),
    ),
    Item(
        "Why is initialising all weights of a layer to the same value (e.g. zero) a bad idea?",
        "All units compute the same output and receive the same update, so they never become "
        "different",
        "Random initialisation breaks this symmetry.",
        (
            ("The gradients explode", "Identical weights cause symmetry, not explosion."),
            (
                "Backprop cannot run with equal weights",
                "Backprop runs; it just gives every unit the same gradient.",
            ),
            (
                "The network overfits",
                "The units stay copies of one another, so the layer acts like a single unit: it underfits.",
            ),
        ),
    ),
    Item(
        "Why does ReLU suffer less from vanishing gradients than tanh?",
        "Its derivative is exactly 1 for every positive input",
        "It does not saturate on the positive side, so it does not shrink the gradient there.",
        (
            (
                "It is bounded between 0 and 1",
                "ReLU is unbounded above; the sigmoid is the one bounded in (0, 1).",
            ),
            (
                "Its derivative is 0.25 everywhere",
                "0.25 is the sigmoid's maximum derivative; ReLU's is 1 for positive inputs.",
            ),
            ("It has learnable parameters", "ReLU has none (PReLU adds one slope)."),
        ),
    ),
    Item(
        "LSTMs suffer less from vanishing gradients than vanilla RNNs mainly because of...",
        "the additive cell-state update controlled by the forget gate",
        r"In $c_t = f_t \odot c_{t-1} + i_t \odot g_t$ the gradient passes back to $c_{t-1}$ "
        r"with factor $f_t$, which can stay near 1.",
        (
            (
                "ReLU activations in every gate",
                "LSTM gates use sigmoids and the candidate uses tanh.",
            ),
            (
                "having fewer parameters than a vanilla RNN",
                "An LSTM has about four times the parameters of a vanilla RNN.",
            ),
            ("reading the sequence backwards", "That is a bidirectional RNN, a separate idea."),
        ),
    ),
    Item(
        "Backpropagation computes the gradients of the loss by...",
        "applying the chain rule from the loss backwards, reusing each layer's upstream gradient",
        "One backward pass costs about as much as the forward pass.",
        (
            (
                "finite differences, nudging each weight in turn",
                "That needs one extra forward pass per weight and is only used to check gradients.",
            ),
            (
                "randomly perturbing the weights and keeping improvements",
                "That is random search, not gradient computation.",
            ),
            (
                "solving the normal equations",
                "The normal equations solve linear regression in closed form; networks are trained with gradients.",
            ),
        ),
    ),
    Item(
        "For the loss L = (y − t)², what is ∂L/∂y?",
        "2(y − t)",
        "Power rule and chain rule: 2(y − t) · ∂(y − t)/∂y = 2(y − t).",
        (
            ("y − t", "You dropped the factor 2 from the power rule."),
            ("2(t − y)", "The sign is flipped: the derivative of (y − t) with respect to y is +1."),
            ("(y − t)²/2", "That is a loss, not its derivative."),
        ),
    ),
)


@register
class GradientFlowConcepts(ConceptQuestion):
    slug = "gradient-flow-concepts"
    title = "Gradient flow concepts"
    area = "dl"
    topic = "backpropagation"
    difficulty = 1
    bank = GRADIENT_BANK
    params = concept_params(len(GRADIENT_BANK))
