"""Question banks of the multiple-choice concept templates: each item has its correct option,
why it is right, and three distractors with the feedback a teacher would give."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    question: str
    answer: str
    why: str
    distractors: tuple[tuple[str, str], tuple[str, str], tuple[str, str]]


BIAS_VARIANCE = (
    Item(
        "Training error is low, but validation error is much higher. What is the most likely diagnosis?",
        "High variance (overfitting)",
        "The model fits the training data well but does not generalise: the gap between the two errors is variance.",
        (
            (
                "High bias (underfitting)",
                "High bias shows as a high training error too; here the model fits the training data well.",
            ),
            (
                "Irreducible noise in the labels",
                "Noise raises training and validation error alike; it does not explain a gap between them.",
            ),
            (
                "A learning rate that is too small",
                "A too-small learning rate leaves the training error high; here it is already low.",
            ),
        ),
    ),
    Item(
        "Training error and validation error are both high and close to each other. What is the most likely diagnosis?",
        "High bias (underfitting)",
        "The model cannot even fit the training data, so it is not flexible enough.",
        (
            (
                "High variance (overfitting)",
                "Overfitting shows as a large gap: low training error, high validation error.",
            ),
            (
                "The test data leaked into training",
                "Leakage makes the errors look optimistically low, not high.",
            ),
            (
                "Too much training data",
                "More data mainly lowers variance; it does not make a model underfit.",
            ),
        ),
    ),
    Item(
        "A model overfits. Which change most directly reduces its variance?",
        "Collect more training data",
        "With more data the fitted model depends less on the particular sample it saw.",
        (
            (
                "Add more hidden units",
                "A larger model has more capacity, and usually more variance.",
            ),
            (
                "Train for more epochs",
                "Training longer fits the training set ever more closely, which worsens overfitting.",
            ),
            (
                "Remove the regularisation term",
                "Regularisation restrains the model; removing it increases variance.",
            ),
        ),
    ),
    Item(
        "A model underfits. Which change most directly reduces its bias?",
        "Increase the model's capacity (more units, layers or features)",
        "Bias is error from a model too simple for the function; a more flexible model can follow it.",
        (
            (
                "Collect more training data of the same kind",
                "More data reduces variance; a model that is too simple cannot use it.",
            ),
            (
                "Increase the L2 penalty",
                "A stronger penalty restricts the model further, which increases bias.",
            ),
            (
                "Stop training earlier",
                "Stopping earlier leaves the model less fitted, which increases bias.",
            ),
        ),
    ),
    Item(
        "Which part of the expected test error can no model remove, whatever its capacity or the amount of data?",
        "The noise in the data (irreducible error)",
        "Noise is randomness in the targets themselves; no model can predict it.",
        (
            ("Bias", "Bias shrinks with a more flexible model."),
            ("Variance", "Variance shrinks with more data or with regularisation."),
            (
                "Optimisation error",
                "A better optimiser or longer training reduces it; it is not a property of the data.",
            ),
        ),
    ),
    Item(
        "In the bias-variance decomposition of the expected squared error, how do the terms combine?",
        "bias² + variance + noise",
        "The expected squared error is the squared bias plus the variance plus the noise variance.",
        (
            (
                "bias + variance + noise",
                "The decomposition adds the squared bias, not the bias itself.",
            ),
            ("bias × variance + noise", "The terms add; they do not multiply."),
            (
                "bias² − variance + noise",
                "Variance always adds to the error; it is never subtracted.",
            ),
        ),
    ),
    Item(
        "What does double descent describe?",
        "Test error falls, peaks near the capacity where the model just fits the training data, then falls again as capacity grows",
        "Beyond the interpolation threshold, larger models can generalise better again, most visibly with noisy data.",
        (
            (
                "Training error falling twice as fast when the learning rate is doubled",
                "Double descent is about test error against model capacity, not about learning rates.",
            ),
            (
                "A loss surface with two minima that gradient descent visits in turn",
                "It describes test error as capacity grows, not the shape of one loss surface.",
            ),
            (
                "Validation error always rising once training error reaches zero",
                "That is the classical picture; double descent says the error can fall again past that point.",
            ),
        ),
    ),
    Item(
        "A network with only three ReLU units is fitted to a sine wave and fits both training and test data poorly. The main cause is:",
        "Bias: the model is not flexible enough",
        "Three linear pieces cannot follow a sine wave, whatever the data: that is bias.",
        (
            (
                "Variance",
                "Variance is sensitivity to the training sample; here the model cannot fit even the training data.",
            ),
            ("Noise", "Noise lives in the data; it is not caused by the size of the model."),
            (
                "Overfitting",
                "Overfitting means fitting the training data well but not the test data; here both are poor.",
            ),
        ),
    ),
    Item(
        "Training the same network several times with different random seeds gives noticeably different test errors. Which component of the error does this spread reflect?",
        "Variance",
        "Variance is how much the learned model changes with the sample and the randomness of training.",
        (
            (
                "Bias",
                "Bias is the systematic error of the average model, not the spread between runs.",
            ),
            (
                "Noise",
                "Label noise is the same for every run; it cannot cause run-to-run differences.",
            ),
            (
                "Underfitting",
                "Underfitting is a systematic error (bias); the spread between runs is variance.",
            ),
        ),
    ),
)

DATA_SPLITS = (
    Item(
        "What is the validation set used for?",
        "Choosing hyperparameters and comparing models",
        "Validation data is held out from training so that choices are judged on unseen examples.",
        (
            ("Learning the model's weights", "Weights are learned on the training set."),
            (
                "Reporting the final, unbiased performance estimate",
                "That is the test set's job: the validation score is reused for choices, so it is optimistic.",
            ),
            (
                "Generating augmented training examples",
                "Augmentation transforms training data; it is not what the validation set is for.",
            ),
        ),
    ),
    Item(
        "What is the test set used for?",
        "Estimating the final model's performance on unseen data, once all choices are made",
        "The test set must not influence any choice, so its score stays an unbiased estimate.",
        (
            (
                "Tuning the learning rate",
                "Tuning on the test set makes its estimate optimistic: tune on a validation set.",
            ),
            (
                "Deciding when to stop training",
                "Early stopping watches the validation set, not the test set.",
            ),
            ("Fitting the model's weights", "Weights are fitted on the training set."),
        ),
    ),
    Item(
        "A team picks hyperparameters by checking test-set accuracy after every run. What goes wrong?",
        "The test accuracy becomes an optimistic estimate of performance on new data",
        "Every choice made by looking at the test set fits it a little, so it is no longer unseen.",
        (
            (
                "The model underfits the training data",
                "Looking at the test set does not change how well the model fits the training data.",
            ),
            ("Training becomes slower", "The problem is the validity of the estimate, not speed."),
            (
                "Nothing, as long as the test set is large",
                "Even a large test set becomes biased once it is used to make choices.",
            ),
        ),
    ),
    Item(
        "Why is k-fold cross-validation useful on a small data set?",
        "Every example is used for validation once, giving a less noisy performance estimate",
        "Averaging over k held-out folds uses all the data for evaluation without training on the fold being scored.",
        (
            (
                "It always removes the need for a separate test set",
                "Cross-validation replaces a single validation split; an untouched test set is still needed for an unbiased final estimate.",
            ),
            (
                "It makes training k times faster",
                "It trains k models, so it costs about k times more.",
            ),
            (
                "It trains each model on more data than is available",
                "Each fold trains on (k−1)/k of the data: less than all of it.",
            ),
        ),
    ),
    Item(
        "Feature normalisation statistics (mean and standard deviation) should be computed on:",
        "The training set only, then applied unchanged to the validation and test sets",
        "Statistics from held-out data would leak information about it into training.",
        (
            (
                "All the data together, including the test set",
                "Using test statistics leaks information from the test set into training.",
            ),
            (
                "Each split separately, with its own statistics",
                "Then the splits are transformed differently; use the training statistics everywhere.",
            ),
            (
                "The test set only",
                "The model is trained on the training data, so its statistics must come from there.",
            ),
        ),
    ),
    Item(
        "Validation loss starts rising while training loss keeps falling. What does this indicate, and what is the usual response?",
        "Overfitting: stop at the validation-loss minimum (early stopping)",
        "The model is starting to memorise the training data; the best weights are those at the validation minimum.",
        (
            (
                "Underfitting: train for longer",
                "Training longer makes the growing gap, overfitting, worse.",
            ),
            (
                "The learning rate is too small: increase it",
                "Training loss still falls, so the optimiser works; the gap means overfitting.",
            ),
            (
                "The validation set is broken: ignore it",
                "A rising validation loss with a falling training loss is the classic sign of overfitting.",
            ),
        ),
    ),
    Item(
        "How should a time series be split for a forecasting model?",
        "Chronologically: train on earlier periods, validate and test on later ones",
        "The model will predict forwards in time, so evaluation must too.",
        (
            (
                "Shuffle all time steps randomly, then split",
                "Shuffling lets the model see the future during training, so the estimate is optimistic.",
            ),
            (
                "Train on the most recent data and test on older data",
                "The model must predict forwards: test on later data.",
            ),
            (
                "Use the same data for training and testing",
                "Then the score measures memorisation, not generalisation.",
            ),
        ),
    ),
    Item(
        "A medical data set has several images per patient. How should it be split into training and test sets?",
        "By patient, so that all images of one patient are in the same split",
        "Images of one patient are strongly correlated; splitting by patient keeps the test patients unseen.",
        (
            (
                "Randomly by image",
                "Images of one patient in both splits leak information and inflate the test score.",
            ),
            (
                "One image per patient in training, the rest in test",
                "That still puts every patient in both splits.",
            ),
            (
                "By image file size",
                "File size is unrelated to what must be kept apart: the patient.",
            ),
        ),
    ),
)

REGULARIZATION = (
    Item(
        "What does an L2 penalty λΣw² in the loss do during training?",
        "It shrinks the weights towards zero (weight decay), favouring smoother functions",
        "Its gradient 2λw pulls each weight towards zero in proportion to its size.",
        (
            (
                "It sets many weights exactly to zero",
                "That is typical of L1, whose constant-size pull drives small weights to exactly zero.",
            ),
            (
                "It increases the model's capacity",
                "A penalty restricts the model; it does not add capacity.",
            ),
            (
                "It lowers the final training loss",
                "It trades a slightly higher training loss for better generalisation.",
            ),
        ),
    ),
    Item(
        "Which penalty tends to produce sparse weights, with many exactly zero?",
        "L1, λΣ|w|",
        "The L1 penalty's gradient has the same size for every non-zero weight, so small weights are pushed to exactly zero.",
        (
            (
                "L2, λΣw²",
                "L2 shrinks weights in proportion to their size, so they rarely become exactly zero.",
            ),
            (
                "Dropout",
                "Dropout zeroes random units during training only, not weights permanently.",
            ),
            (
                "Data augmentation",
                "Augmentation changes the training data, not the sparsity of the weights.",
            ),
        ),
    ),
    Item(
        "How does dropout regularise a network?",
        "It randomly zeroes units during training, so the network cannot rely on any single unit",
        "Each step trains a random sub-network; at test time all units are used (scaled).",
        (
            (
                "It permanently removes the least useful units after training",
                "That is pruning; dropout is random and only active during training.",
            ),
            (
                "It zeroes random weights at test time",
                "Dropout is switched off at test time (PyTorch's eval mode).",
            ),
            (
                "It lowers the learning rate when the loss stops improving",
                "That is a learning-rate schedule, not dropout.",
            ),
        ),
    ),
    Item(
        "What does early stopping do?",
        "Stops training when the validation loss stops improving and keeps the best weights",
        "It ends training before the model starts to overfit, judged on held-out data.",
        (
            (
                "Stops when the training loss reaches zero",
                "Early stopping watches the validation loss; a zero training loss usually means overfitting.",
            ),
            (
                "Stops after a number of epochs fixed before training",
                "That ignores the validation signal, which is the point of early stopping.",
            ),
            (
                "Stops when the gradient is exactly zero",
                "Gradients are rarely exactly zero; early stopping uses the validation loss.",
            ),
        ),
    ),
    Item(
        "Why does data augmentation (flips, crops, small rotations of images) reduce overfitting?",
        "It adds label-preserving variations, so the model trains on more varied data",
        "The model has to be right on many versions of each example, so it cannot memorise the originals.",
        (
            ("It makes the network smaller", "Augmentation changes the data, not the network."),
            ("It enlarges the test set", "Augmentation is applied to the training data."),
            ("It removes noisy labels", "Augmented copies keep the original labels, noisy or not."),
        ),
    ),
    Item(
        "What is the general aim of regularisation?",
        "To narrow the gap between training and test performance (better generalisation)",
        "Regularisation methods restrain the model so that what it learns carries over to new data.",
        (
            (
                "To minimise the training loss as fast as possible",
                "Regularisation usually raises the training loss a little.",
            ),
            (
                "To increase the model's capacity",
                "It restricts the model rather than enlarging it.",
            ),
            (
                "To remove the noise from the training data",
                "Regularisation changes the model or training, not the noise in the data.",
            ),
        ),
    ),
    Item(
        "A model with an L2 penalty λΣw² overfits badly. Which change of λ is most likely to help?",
        "Increase λ",
        "A larger λ penalises large weights more, restraining the model and reducing variance.",
        (
            ("Set λ to 0", "That removes the penalty, which increases variance."),
            (
                "Make λ negative",
                "A negative penalty rewards large weights, which makes overfitting worse.",
            ),
            (
                "Nothing: λ does not affect overfitting",
                "λ sets the strength of the penalty, so it directly controls how much the model can overfit.",
            ),
        ),
    ),
    Item(
        "Averaging the predictions of several independently trained models (an ensemble) mainly reduces:",
        "Variance",
        "The models' individual errors partly cancel when averaged, while their shared systematic error stays.",
        (
            ("Bias", "Averaging similar models keeps their shared systematic error (bias)."),
            ("The noise in the labels", "Noise is in the data; no averaging of models removes it."),
            ("Training time", "An ensemble multiplies the training time."),
        ),
    ),
)
