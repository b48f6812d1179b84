"""Multiple-choice concept questions on training practice: the PyTorch training loop, dropout
and batch norm at evaluation time, overfitting. Each wrong option carries its own feedback."""

from __future__ import annotations

from ...registry import register
from .common import ConceptQuestion, Item, concept_params

TRAINING_BANK = (
    Item(
        "Which order of calls makes one correct PyTorch training step?",
        "zero_grad → forward → loss → backward → step",
        "Clear old gradients, compute the loss, backpropagate, then update.",
        (
            (
                "forward → loss → step → backward → zero_grad",
                "step uses the gradients, so backward must come before it.",
            ),
            (
                "forward → loss → backward → zero_grad → step",
                "zero_grad between backward and step wipes the new gradients, so step changes nothing.",
            ),
            (
                "zero_grad → forward → backward → loss → step",
                "backward is called on the loss, so the loss must be computed first.",
            ),
        ),
    ),
    Item(
        "Why is optimizer.zero_grad() called at every iteration?",
        "PyTorch adds new gradients to the existing .grad values instead of replacing them",
        "Without it, gradients of earlier batches accumulate into the update.",
        (
            (
                "It resets the weights to zero",
                "It clears the gradients only; the weights are untouched.",
            ),
            (
                "It sets the learning rate to zero for warm-up",
                "The learning rate lives in the optimizer's settings; zero_grad does not touch it.",
            ),
            (
                "It frees the computation graph",
                "backward frees the graph; zero_grad clears the accumulated gradients.",
            ),
        ),
    ),
    Item(
        "What does loss.backward() do?",
        "It computes the gradient of the loss with respect to every parameter and stores it in "
        "the parameter's .grad",
        "It runs backpropagation; it does not change the weights.",
        (
            (
                "It updates the weights",
                "optimizer.step() updates the weights; backward only computes gradients.",
            ),
            (
                "It undoes the last optimizer step",
                "Nothing in PyTorch undoes a step; backward computes gradients.",
            ),
            (
                "It computes the loss on the validation set",
                "backward differentiates the loss it is called on.",
            ),
        ),
    ),
    Item(
        "What does optimizer.step() do?",
        "It updates the parameters from their stored gradients (for SGD, w ← w − lr · grad)",
        "It reads each parameter's .grad filled in by backward.",
        (
            (
                "It computes the gradients",
                "loss.backward() computes the gradients; step uses them.",
            ),
            (
                "It loads the next batch of data",
                "The data loader provides batches; step updates parameters.",
            ),
            ("It clears the gradients", "zero_grad clears gradients; step applies them."),
        ),
    ),
    Item(
        "What does nn.Dropout(p) do when the model is in evaluation mode (model.eval())?",
        "Nothing: every unit passes through unchanged",
        "PyTorch's inverted dropout scales kept units by 1/(1 − p) during training, so "
        "evaluation needs no correction.",
        (
            (
                "It multiplies every activation by 1 − p",
                "That is the original dropout's test rule; inverted dropout scales during training instead.",
            ),
            (
                "It still zeroes a random fraction p of the units",
                "Dropout is switched off in eval mode.",
            ),
            (
                "It divides every activation by 1 − p",
                "The 1/(1 − p) scaling happens only in training mode.",
            ),
        ),
    ),
    Item(
        "In evaluation mode, a batch-normalisation layer normalises with...",
        "the running mean and variance collected during training",
        "So a prediction does not depend on the other examples in the batch.",
        (
            (
                "the mean and variance of the current batch",
                "That is training mode; in eval mode the running statistics are used.",
            ),
            (
                "mean 0 and variance 1, without γ and β",
                "The learned γ and β are still applied, with the running statistics.",
            ),
            (
                "nothing: the layer is skipped",
                "The layer still normalises, using the running statistics.",
            ),
        ),
    ),
    Item(
        "What is the main purpose of data augmentation?",
        "To enlarge the effective training set with label-preserving transformations and "
        "reduce overfitting",
        "Flips, crops and colour jitter show the model new variants of each example.",
        (
            (
                "To make each training step faster",
                "Augmentation adds work per step; its benefit is better generalisation.",
            ),
            ("To tune the learning rate", "The learning rate is tuned separately."),
            ("To replace the validation set", "The validation set must stay untouched real data."),
        ),
    ),
    Item(
        "Training loss keeps falling while validation loss starts to rise. What does this "
        "indicate?",
        "Overfitting",
        "The model fits the training data ever better but generalises worse: stop early or "
        "regularise.",
        (
            ("Underfitting", "An underfitting model has high training loss too."),
            (
                "A learning rate that is too small",
                "A small learning rate slows both losses; it does not make validation loss rise.",
            ),
            (
                "Vanishing gradients",
                "With vanishing gradients training loss would stall, not keep falling.",
            ),
        ),
    ),
    Item(
        "Which technique stops training before the model overfits?",
        "Early stopping on the validation loss",
        "Keep the weights from the epoch with the lowest validation loss.",
        (
            (
                "Raising the learning rate",
                "That makes training unstable; it does not detect overfitting.",
            ),
            ("Removing dropout", "Removing a regulariser makes overfitting more likely."),
            (
                "Training on the test set",
                "The test set must stay unseen to estimate final performance.",
            ),
        ),
    ),
)


@register
class TrainingConcepts(ConceptQuestion):
    slug = "training-concepts"
    title = "Training-loop concepts"
    area = "dl"
    topic = "training-practice"
    difficulty = 1
    bank = TRAINING_BANK
    params = concept_params(len(TRAINING_BANK))
