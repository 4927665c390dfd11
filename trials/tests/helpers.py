"""Test helpers for the admin: the POST data a browser would send back for a change form."""

import datetime


def _field_value(bound_field):
    value = bound_field.value()
    if value is None:
        return None
    if isinstance(value, bool):
        return "on" if value else None
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def _add_form(data, form):
    for name in form.fields:
        if name == "file":
            continue
        value = _field_value(form[name])
        if value is not None:
            data[form.add_prefix(name)] = value


def change_form_data(response):
    """The data of an admin change page's form and inline formsets, as the browser posts it."""
    data = {}
    _add_form(data, response.context["adminform"].form)
    inlines = response.context.get("inline_admin_formsets") or []
    for inline in inlines:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for form in formset.initial_forms:
            _add_form(data, form)
    return data
