"""Admin for shared content: the topic tree and the shared flashcard decks."""

from django.contrib import admin

from questions.models import Card, Deck, Topic
from questions.services.deck_counts import deck_card_counts_refresh


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "area", "parent", "order"]
    list_filter = ["area"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["parent"]


class CardInline(admin.TabularInline):
    model = Card
    fields = ["key", "kind", "front", "back", "template_slug", "tags", "topic"]
    extra = 0
    show_change_link = True


@admin.register(Deck)
class DeckAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "owner", "area", "card_count"]
    list_filter = ["area", ("owner", admin.EmptyFieldListFilter)]
    search_fields = ["name", "slug"]
    readonly_fields = ["card_count"]
    inlines = [CardInline]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        deck_card_counts_refresh([form.instance.pk])
