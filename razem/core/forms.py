from django import forms


class AccessibleFormMixin:
    """Ties each field's error message to the field (aria-describedby) for screen readers.

    The error paragraphs are rendered by includes/form_field.html with id `<auto_id>_error`.
    """

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            ids = widget.attrs.get("aria-describedby", "").split()
            error_id = f"{self[name].auto_id}_error"
            if error_id not in ids:
                ids.append(error_id)
            widget.attrs["aria-describedby"] = " ".join(ids)


class Form(AccessibleFormMixin, forms.Form):
    pass


class ModelForm(AccessibleFormMixin, forms.ModelForm):
    pass
