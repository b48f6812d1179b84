"""HTML forms: they parse and validate page input; the services enforce the rules."""

from __future__ import annotations

from django import forms

from questions.models import Area, PracticeTest
from questions.services.practice import MAX_COUNT, MIN_COUNT


class PracticeTestForm(forms.Form):
    areas = forms.MultipleChoiceField(
        choices=Area.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    topics = forms.MultipleChoiceField(
        choices=(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text="Optional: pick topics instead of (or as well as) whole areas.",
    )
    count = forms.IntegerField(
        label="Number of questions", min_value=MIN_COUNT, max_value=MAX_COUNT, initial=10
    )
    minutes = forms.IntegerField(
        label="Time limit (minutes)", min_value=1, max_value=360, initial=15
    )
    difficulty = forms.TypedChoiceField(
        choices=[("", "Any"), ("1", "1 — warm-up"), ("2", "2 — exam level"), ("3", "3 — hard")],
        required=False,
        coerce=int,
        empty_value=None,
    )
    layout = forms.ChoiceField(
        choices=PracticeTest.Layout.choices,
        initial=PracticeTest.Layout.ONE_PER_PAGE,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, topic_choices=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = topic_choices

    def clean(self):
        data = super().clean()
        if not data.get("areas") and not data.get("topics"):
            raise forms.ValidationError("Choose at least one area or topic.")
        return data
