"""Card browser, card and deck forms, import and export pages."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from questions.interchange import MAX_FILE_BYTES, InterchangeError
from questions.mathinput.markdown import render_markdown
from questions.models import MAX_FIELD_CHARS, Card, Deck, Topic
from questions.selectors.flashcards import (
    BROWSER_STATES,
    all_tags,
    card_browser,
    deck_summaries,
    visible_decks,
)
from questions.services import card_exchange
from questions.services import flashcards as service

PAGE_SIZE = 50


class CardForm(forms.Form):
    deck = forms.ModelChoiceField(queryset=Deck.objects.none(), empty_label=None)
    front = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=MAX_FIELD_CHARS,
                            help_text="Markdown; math between $…$ or $$…$$, e.g. $\\frac{1}{2}$.")  # fmt: skip
    back = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}), max_length=MAX_FIELD_CHARS, required=False
    )
    tags = forms.CharField(max_length=400, required=False, help_text="Separated by spaces.")
    topic = forms.ModelChoiceField(
        queryset=Topic.objects.order_by("area", "order"), required=False, to_field_name="slug"
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["deck"].queryset = Deck.objects.filter(owner=user)


class DeckForm(forms.Form):
    name = forms.CharField(max_length=200)
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )


class ImportForm(forms.Form):
    file = forms.FileField(help_text="CSV (front, back, tags) or an Anki package (.apkg).")
    deck = forms.ModelChoiceField(
        queryset=Deck.objects.none(), required=False,
        help_text="For CSV files: the deck to add the cards to. Anki decks become new decks.",
    )  # fmt: skip

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["deck"].queryset = Deck.objects.filter(owner=user)


@login_required
def card_browser_page(request: HttpRequest) -> HttpResponse:
    settings = service.study_settings_get(user=request.user)
    params = request.GET
    deck = params.get("deck", "")
    cards = card_browser(
        user=request.user,
        settings=settings,
        now=timezone.now(),
        q=params.get("q", "").strip()[:200],
        deck_id=int(deck) if deck.isdigit() else None,
        tag=params.get("tag", "")[:60],
        topic=params.get("topic", "")[:80],
        state=params.get("state", "") if params.get("state") in BROWSER_STATES else "",
    )
    page = Paginator(cards, PAGE_SIZE).get_page(params.get("page"))
    query = params.copy()
    query.pop("page", None)
    return render(
        request,
        "flashcards/browse.html",
        {
            "page": page,
            "decks": visible_decks(user=request.user).order_by("name"),
            "tags": all_tags(user=request.user),
            "topics": Topic.objects.order_by("area", "order"),
            "states": BROWSER_STATES,
            "filters": params,
            "query": query.urlencode(),
        },
    )


def _card_form_page(request: HttpRequest, card: Card | None) -> HttpResponse:
    if not Deck.objects.filter(owner=request.user).exists():
        messages.info(request, "Create a deck of your own first; starter decks are read-only.")
        return redirect("deck-new")
    initial = {}
    if card is not None:
        initial = {"deck": card.deck_id, "front": card.front, "back": card.back,
                   "tags": card.tags, "topic": card.topic.slug if card.topic else None}  # fmt: skip
    elif request.GET.get("deck", "").isdigit():
        initial = {"deck": int(request.GET["deck"])}
    form = CardForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {"front": data["front"], "back": data["back"], "tags": data["tags"],
                  "topic": data["topic"].slug if data["topic"] else None}  # fmt: skip
        try:
            if card is None:
                saved = service.card_create(user=request.user, deck_id=data["deck"].id, **fields)
                messages.success(request, "Card added. Add another?")
                return redirect(f"{request.path}?deck={saved.deck_id}")
            service.card_update(
                user=request.user, card_id=card.id, deck_id=data["deck"].id, **fields
            )
            messages.success(request, "Card saved.")
            return redirect("card-browser")
        except service.FlashcardError as exc:
            form.add_error(None, str(exc))
    status = 400 if request.method == "POST" else 200
    return render(request, "flashcards/card_form.html", {"form": form, "card": card}, status=status)


@login_required
def card_new(request: HttpRequest) -> HttpResponse:
    return _card_form_page(request, None)


@login_required
def card_edit(request: HttpRequest, card_id: int) -> HttpResponse:
    card = Card.objects.filter(pk=card_id, deck__owner=request.user).select_related("topic").first()
    if card is None:
        raise Http404("No such card of yours.")
    return _card_form_page(request, card)


@login_required
@require_POST
def card_delete(request: HttpRequest, card_id: int) -> HttpResponse:
    try:
        service.card_delete(user=request.user, card_id=card_id)
    except Card.DoesNotExist:
        raise Http404("No such card.") from None
    except service.FlashcardError as exc:
        messages.error(request, str(exc))
        return redirect("card-browser")
    messages.success(request, "Card deleted.")
    return redirect("card-browser")


@login_required
@require_POST
def markdown_preview(request: HttpRequest) -> HttpResponse:
    """The rendered Markdown of the card form's fields (htmx, as the author types)."""
    text = request.POST.get("front", "") + "\n\n---\n\n" + request.POST.get("back", "")
    return HttpResponse(render_markdown(text[: 2 * MAX_FIELD_CHARS]))


@login_required
def deck_new(request: HttpRequest) -> HttpResponse:
    form = DeckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        deck = service.deck_create(user=request.user, **form.cleaned_data)
        messages.success(request, f"Deck “{deck.name}” created.")
        return redirect("deck-detail", deck_id=deck.id)
    return render(request, "flashcards/deck_form.html", {"form": form})


@login_required
def deck_detail(request: HttpRequest, deck_id: int) -> HttpResponse:
    settings = service.study_settings_get(user=request.user)
    summary = next(
        (
            d
            for d in deck_summaries(user=request.user, settings=settings, now=timezone.now())
            if d.id == deck_id
        ),
        None,
    )
    if summary is None:
        raise Http404("No such deck.")
    deck = Deck.objects.get(pk=deck_id)
    return render(request, "flashcards/deck.html", {"deck": deck, "summary": summary})


@login_required
def cards_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            form.add_error("file", f"The file is larger than {MAX_FILE_BYTES // 2**20} MB.")
        else:
            data = upload.read()
            try:
                if upload.name.lower().endswith(".apkg") or data[:2] == b"PK":
                    decks = card_exchange.decks_import_apkg(user=request.user, data=data)
                    count = sum(d.cards.count() for d in decks)
                    messages.success(
                        request, f"Imported {count} cards into {len(decks)} new deck(s)."
                    )
                    return redirect("flashcards")
                deck = form.cleaned_data["deck"]
                if deck is None:
                    form.add_error("deck", "Choose the deck to add the CSV cards to.")
                else:
                    count = card_exchange.cards_import_csv(
                        user=request.user, deck_id=deck.id, data=data
                    )
                    messages.success(request, f"Imported {count} cards into “{deck.name}”.")
                    return redirect("deck-detail", deck_id=deck.id)
            except InterchangeError as exc:
                form.add_error("file", f"Nothing was imported: {exc}")
            except ValidationError as exc:  # a field over the database limits
                form.add_error("file", "Nothing was imported: " + " ".join(exc.messages))
    status = 400 if request.method == "POST" else 200
    return render(request, "flashcards/import.html", {"form": form}, status=status)


@login_required
def deck_export(request: HttpRequest, deck_id: int, fmt: str) -> HttpResponse:
    try:
        if fmt == "csv":
            slug, text = card_exchange.deck_export_csv(user=request.user, deck_id=deck_id)
            response = HttpResponse(text, content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{slug}.csv"'
            return response
        if fmt == "apkg":
            slug, data = card_exchange.deck_export_apkg(user=request.user, deck_id=deck_id)
            response = HttpResponse(data, content_type="application/octet-stream")
            response["Content-Disposition"] = f'attachment; filename="{slug}.apkg"'
            return response
    except Deck.DoesNotExist:
        raise Http404("No such deck.") from None
    raise Http404("Unknown format.")
