"""UI components as inclusion tags, each rendering one template in `components/`.

Templates call these instead of repeating markup, so NL Design System classes and
accessibility details (labels, descriptions, live regions) live in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import template
from django.core.paginator import Page
from django.forms import BoundField
from django.http import QueryDict
from django.template import Context

register = template.Library()


@register.inclusion_tag("components/form_field.html")
def form_field(field: BoundField) -> dict[str, Any]:
    """A labelled form field with its help text and errors, linked by aria-describedby.

    Usage: `{% form_field form.email %}`.
    """
    widget_type = field.field.widget.__class__.__name__
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_help")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
    attrs: dict[str, str | bool] = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    css = {
        "Select": "utrecht-select utrecht-select--html-select",
        "Textarea": "utrecht-textarea utrecht-textarea--html-textarea",
        "CheckboxInput": "utrecht-checkbox utrecht-checkbox--html-input",
        "CheckboxSelectMultiple": "",
    }.get(widget_type, "utrecht-textbox utrecht-textbox--html-input")
    if css:
        attrs["class"] = css
    return {
        "field": field,
        "widget": field.as_widget(attrs=attrs),
        "is_checkbox": widget_type == "CheckboxInput",
        "is_multiple": widget_type == "CheckboxSelectMultiple",
    }


@register.inclusion_tag("components/form_errors.html")
def form_errors(form: Any) -> dict[str, Any]:
    """Errors that belong to no single field, as an alert at the top of the form."""
    return {"errors": form.non_field_errors()}


@register.inclusion_tag("components/empty_state.html")
def empty_state(
    title: str, text: str = "", action_url: str = "", action_label: str = ""
) -> dict[str, str]:
    """What a list shows when there is nothing in it yet, with the next step to take."""
    return {"title": title, "text": text, "action_url": action_url, "action_label": action_label}


@register.inclusion_tag("components/pagination.html", takes_context=True)
def pagination(context: dict[str, Any], page: Page[Any]) -> dict[str, Any]:
    """Previous/next links for a `Paginator` page, keeping the other query parameters."""
    request = context["request"]

    def url_for(number: int) -> str:
        query: QueryDict = request.GET.copy()
        query["pagina"] = str(number)
        return f"?{query.urlencode()}"

    return {
        "page": page,
        "previous_url": url_for(page.previous_page_number()) if page.has_previous() else "",
        "next_url": url_for(page.next_page_number()) if page.has_next() else "",
    }


@register.inclusion_tag("components/job_progress.html")
def job_progress(job: Any) -> dict[str, Any]:
    """A background job's state and percentage, refreshed every second by htmx until it
    finishes. Works without JavaScript too: the page then refreshes by a link."""
    return {"job": job}


@register.simple_block_tag(takes_context=True)
def table(
    context: Context,
    content: str,
    rows: Page[Any] | Sequence[Any],
    *headers: str,
    caption: str,
    id: str,
    numeric: str = "",
    empty_title: str = "",
    empty_text: str = "",
    empty_url: str = "",
    empty_label: str = "",
) -> str:
    """A data table: caption, column headers, the rows between the tags, pagination, and
    an empty state when there are no rows. Renders `components/table.html`.

    Usage (the opening tag on one line in the template)::

        {% table page _("Ronde") _("Respondenten") caption=_("Rondes") id="rounds-caption"
                 numeric="2" empty_title=t empty_text=x empty_url=url empty_label=a %}
          {% for round in page.object_list %}<tr class="utrecht-table__row">…</tr>{% endfor %}
        {% endtable %}

    `rows` is a `Paginator` page (then previous/next links follow the table) or a plain
    list. Each positional header is a column; an empty header (e.g. an unset variable for
    a column only managers see) is left out. `numeric` lists the 1-based numbers of the
    right-aligned number columns, e.g. "2 3"; give their cells
    `utrecht-table__cell--numeric-column` too. The table scrolls sideways inside a
    focusable region labelled by the caption, so `id` (the caption's id) must be unique
    on the page. Without `empty_title` an empty list renders nothing.
    """
    page = rows if isinstance(rows, Page) else None
    items = page.object_list if page is not None else rows
    numeric_columns = {int(n) for n in numeric.replace(",", " ").split()}
    columns = [
        {"label": label, "numeric": number in numeric_columns}
        for number, label in enumerate(headers, start=1)
        if label
    ]
    assert context.template is not None  # set while a template renders
    component = context.template.engine.get_template("components/table.html")
    return component.render(
        context.new(
            {
                "request": context.get("request"),
                "has_rows": bool(items),
                "page": page,
                "rows": content,
                "columns": columns,
                "caption": caption,
                "caption_id": id,
                "empty_title": empty_title,
                "empty_text": empty_text,
                "empty_url": empty_url,
                "empty_label": empty_label,
            }
        )
    )
