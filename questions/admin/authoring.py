"""Authoring in the admin: write templates without Python, preview any seed as you type
(htmx), run the automatic checks on save, publish versions, learn from built-in templates,
and import/export content."""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from questions.authoring import Spec, SpecError, SpecTemplate, TemplateInfo
from questions.authoring.functions import DOCS as FUNCTION_DOCS
from questions.authoring.generators import DOCS as GENERATOR_DOCS
from questions.generators import TemplateError, all_templates, get_template
from questions.generators.registry import is_builtin
from questions.models import AuthoredTemplate, Topic
from questions.models.authoring import SPEC_FIELDS
from questions.services.authoring import (
    BUILTIN_SLUG,
    authored_template_preview,
    authored_template_save,
    builtin_clone,
    builtin_preview,
    template_fairness,
)
from questions.services.content_exchange import (
    ContentError,
    content_export,
    content_import,
    content_loads,
)

PREVIEW_SEEDS = [1, 2, 3, 4, 5]
MAX_PREVIEW_SEED = 2**32 - 1


class AuthoredTemplateForm(forms.ModelForm):
    publish = forms.BooleanField(
        required=False,
        initial=True,
        label="Publish if every check passes",
        help_text="Otherwise the template is saved as a draft; learners keep the last published version.",
    )

    class Meta:
        model = AuthoredTemplate
        fields = [
            "slug", "title", "topic", "difficulty", "kind", "options", "variables", "params",
            "derived", "answer", "constraints", "mistakes", "tests", "prompt", "solution",
        ]  # fmt: skip
        widgets = {
            name: forms.Textarea(attrs={"rows": 4, "class": "vLargeTextField spec-field", "spellcheck": "false"})
            for name in ("params", "derived", "constraints", "mistakes", "tests", "solution")
        } | {
            "answer": forms.Textarea(attrs={"rows": 2, "class": "vLargeTextField spec-field", "spellcheck": "false"}),
            "prompt": forms.Textarea(attrs={"rows": 6, "class": "vLargeTextField spec-field"}),
        }  # fmt: skip

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if is_builtin(slug):
            raise forms.ValidationError(BUILTIN_SLUG.format(slug=slug))
        return slug

    def clean(self):
        data = super().clean()
        if self.errors or not data.get("topic"):
            return data
        spec, info = spec_from(data)
        try:
            SpecTemplate(spec, info)
        except SpecError as exc:
            for issue in exc.issues:
                field = issue.field if issue.field in self.fields else None
                message = str(issue) if field is None else (
                    issue.message if issue.line is None else f"line {issue.line}: {issue.message}"
                )  # fmt: skip
                self.add_error(field, message)
        return data


def spec_from(data) -> tuple[Spec, TemplateInfo]:
    """Spec and metadata from form data (cleaned or raw POST)."""
    topic = data.get("topic")
    if not isinstance(topic, Topic):
        topic = Topic.objects.filter(pk=topic).first() if str(topic or "").isdigit() else None
    options = data.get("options") or {}
    if isinstance(options, str):
        try:
            options = json.loads(options or "{}")
        except json.JSONDecodeError:
            options = {"invalid": options}
    difficulty = data.get("difficulty") or 1
    spec = Spec(**{name: str(data.get(name) or "") for name in SPEC_FIELDS})
    info = TemplateInfo(
        slug=str(data.get("slug") or "draft"),
        title=str(data.get("title") or "Draft"),
        area=topic.area if topic else "math",
        topic=topic.slug if topic else "",
        kind=str(data.get("kind") or "numeric"),
        difficulty=int(difficulty) if str(difficulty).isdigit() else 1,
        options=options if isinstance(options, dict) else {},
    )
    return spec, info


@admin.register(AuthoredTemplate)
class AuthoredTemplateAdmin(admin.ModelAdmin):
    form = AuthoredTemplateForm
    change_form_template = "admin/questions/authoredtemplate/change_form.html"
    change_list_template = "admin/questions/authoredtemplate/change_list.html"
    list_display = [
        "slug",
        "title",
        "topic",
        "kind",
        "status",
        "version",
        "checks",
        "updated_at",
        "updated_by",
    ]
    list_filter = ["status", "kind", "topic__area"]
    search_fields = ["slug", "title", "prompt"]
    list_select_related = ["topic", "updated_by"]
    readonly_fields = ["status", "version", "report", "fairness", "history"]
    actions = ["export_json"]
    fieldsets = [
        ("Question", {"fields": ["slug", "title", "topic", "difficulty", "kind", "options"]}),
        ("Parameters and answer", {"fields": ["variables", "params", "derived", "answer", "constraints"]}),
        ("What learners read", {"fields": ["prompt", "solution"]}),
        ("Recognised mistakes and question tests", {"fields": ["mistakes", "tests"]}),
        ("Save", {"fields": ["publish"]}),
        ("Status", {"fields": ["status", "version", "report", "fairness", "history"]}),
    ]  # fmt: skip

    @admin.display(description="checks", boolean=True)
    def checks(self, obj: AuthoredTemplate) -> bool | None:
        return obj.check_report.get("ok") if obj.check_report else None

    @admin.display(description="automatic checks")
    def report(self, obj: AuthoredTemplate) -> str:
        return render_to_fragment(
            "admin/questions/authoredtemplate/report.html",
            {"report": obj.check_report, "checked_at": obj.checked_at},
        )

    @admin.display(description="variant fairness")
    def fairness(self, obj: AuthoredTemplate) -> str:
        if not obj.pk:
            return "—"
        return render_to_fragment(
            "admin/questions/authoredtemplate/fairness.html",
            {"fairness": template_fairness(slug=obj.slug)},
        )

    @admin.display(description="published versions")
    def history(self, obj: AuthoredTemplate) -> str:
        if not obj.pk:
            return "—"
        return render_to_fragment(
            "admin/questions/authoredtemplate/history.html",
            {"versions": obj.versions.select_related("published_by")},
        )

    def save_model(self, request: HttpRequest, obj: AuthoredTemplate, form, change: bool) -> None:
        publish = form.cleaned_data.get("publish", False)
        before = obj.version
        try:
            authored_template_save(template=obj, author=request.user, publish=publish)
        except TemplateError as exc:
            messages.error(request, str(exc))
            return
        failures = obj.check_report.get("failures", [])
        if failures:
            messages.warning(
                request,
                f"Saved as a draft: {len(failures)} check(s) failed (see “Automatic checks”). "
                "Learners keep the last published version.",
            )
        elif (publish and obj.version != before) or (publish and not change):
            messages.success(request, f"All checks passed; version {obj.version} is published.")
        elif publish:
            messages.info(
                request, "All checks passed; nothing changed since the published version."
            )
        else:
            messages.info(request, "All checks passed; saved as a draft (not published).")

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("preview/", wrap(self.preview_view), name="questions_authoredtemplate_preview"),
            path("builtin/", wrap(self.builtin_list_view), name="questions_authoredtemplate_builtin"),
            path("builtin/<slug:slug>/", wrap(self.builtin_detail_view), name="questions_authoredtemplate_builtin_detail"),
            path("builtin/<slug:slug>/clone/", wrap(self.builtin_clone_view), name="questions_authoredtemplate_clone"),
            path("import/", wrap(self.import_view), name="questions_authoredtemplate_import"),
            *super().get_urls(),
        ]  # fmt: skip

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra = {
            "preview_url": reverse("admin:questions_authoredtemplate_preview"),
            "generator_docs": GENERATOR_DOCS,
            "function_docs": FUNCTION_DOCS,
            **(extra_context or {}),
        }
        return super().changeform_view(request, object_id, form_url, extra)

    def preview_view(self, request: HttpRequest) -> HttpResponse:
        """The rendered variants of the form as it stands (htmx, as the author types)."""
        if request.method != "POST":
            raise Http404
        if not self.has_change_permission(request) and not self.has_add_permission(request):
            raise Http404
        seed = request.POST.get("preview_seed", "").strip()
        seeds = list(PREVIEW_SEEDS)
        if seed.isdigit() and int(seed) <= MAX_PREVIEW_SEED:
            seeds = [int(seed), *[s for s in seeds if s != int(seed)][:2]]
        spec, info = spec_from(request.POST)
        issues, rows = authored_template_preview(
            spec=spec, info=info, seeds=seeds, answer=request.POST.get("try_answer", "")[:10_000]
        )
        return render(
            request,
            "admin/questions/authoredtemplate/preview.html",
            {"issues": issues, "rows": rows},
        )

    def builtin_list_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "templates": all_templates(),
            "title": "Built-in templates",
        }
        return render(request, "admin/questions/authoredtemplate/builtin_list.html", context)

    def builtin_detail_view(self, request: HttpRequest, slug: str) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        if not is_builtin(slug):
            raise Http404
        rows = builtin_preview(slug=slug, seeds=PREVIEW_SEEDS[:3])
        template = get_template(slug)
        context = {
            **self.admin_site.each_context(request), "template": template, "rows": rows,
            "fairness": template_fairness(slug=slug), "title": f"Built-in: {template.title}",
        }  # fmt: skip
        return render(request, "admin/questions/authoredtemplate/builtin_detail.html", context)

    def builtin_clone_view(self, request: HttpRequest, slug: str) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not is_builtin(slug) or not self.has_add_permission(request):
            raise Http404
        copy = builtin_clone(slug=slug, author=request.user)
        messages.info(
            request,
            "A draft copy with the seed-1 numbers as fixed values: turn them into parameters.",
        )
        return redirect("admin:questions_authoredtemplate_change", copy.pk)

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise Http404
        error = None
        if request.method == "POST" and request.FILES.get("file"):
            try:
                counts = content_import(data=content_loads(request.FILES["file"].read()))
            except ContentError as exc:
                error = f"Nothing was imported: {exc}"
            else:
                messages.success(
                    request, "Imported " + ", ".join(f"{n} {k}" for k, n in counts.items()) + "."
                )
                return redirect("admin:questions_authoredtemplate_changelist")
        context = {
            **self.admin_site.each_context(request),
            "error": error,
            "title": "Import content",
        }
        return render(
            request,
            "admin/questions/authoredtemplate/import.html",
            context,
            status=400 if error else 200,
        )

    @admin.action(description="Export selected templates (and the shared decks) as JSON")
    def export_json(self, request: HttpRequest, queryset) -> HttpResponse:
        data = content_export(templates=list(queryset.select_related("topic")))
        response = HttpResponse(
            json.dumps(data, indent=1, ensure_ascii=False), content_type="application/json"
        )
        stamp = timezone.now().strftime("%Y-%m-%d")
        response["Content-Disposition"] = f'attachment; filename="cram-content-{stamp}.json"'
        return response


def render_to_fragment(template: str, context: dict) -> str:
    return mark_safe(render_to_string(template, context))  # noqa: S308 - our own template
