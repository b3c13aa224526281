"""Publishing a version of the draft, and choosing two versions to compare."""

from django import forms
from django.utils.translation import gettext_lazy as _

from razem.consultations import documents
from razem.consultations.models import DocumentVersion
from razem.consultations.services.versions import CHANGE_NOTE_MAX, LABEL_MAX


class VersionForm(forms.Form):
    text = forms.CharField(
        label=_("Text of the draft"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "Paste the text, or choose a file below. Chapters (Rozdział 1), "
            "paragraphs (§ 3.), articles (Art. 5.), priorities (Priorytet I), "
            "objectives (Cel 1) and actions (Działanie I.1) at the start of a line "
            "begin a new section."
        ),
    )
    file = forms.FileField(
        label=_("or a file"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": ".md,.markdown,.txt,.docx,.odt"}
        ),
        help_text=_(
            "Markdown (.md), Word (.docx) or OpenDocument (.odt). Headings begin "
            "new sections."
        ),
    )
    label = forms.CharField(
        label=_("Label of the version"),
        required=False,
        max_length=LABEL_MAX,
        help_text=_("E.g. 'after consultation'."),
    )
    change_note = forms.CharField(
        label=_("What changed"),
        required=False,
        max_length=CHANGE_NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    is_final = forms.BooleanField(label=_("This is the final text"), required=False)

    def clean(self):
        data = super().clean()
        has_text = bool((data.get("text") or "").strip())
        if has_text and data.get("file"):
            raise forms.ValidationError(
                _("Paste the text or choose a file, not both."), code="both"
            )
        if not has_text and not data.get("file") and not self.has_error("file"):
            self.add_error("text", _("Paste the text or choose a file."))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        file = data.get("file")
        if file:
            source = documents.source_of(file)
        else:
            source = DocumentVersion.Source.PASTED
        return {
            "source": source,
            "text": None if file else data["text"],
            "file": file or None,
            "label": data["label"],
            "change_note": data["change_note"],
            "is_final": data["is_final"],
        }


class CompareForm(forms.Form):
    """Two version numbers, so the comparison can be chosen without JavaScript."""

    old = forms.TypedChoiceField(label=_("Compare version"), coerce=int)
    new = forms.TypedChoiceField(label=_("with version"), coerce=int)

    def __init__(self, *args, numbers: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, str(n)) for n in numbers]
        self.fields["old"].choices = choices
        self.fields["new"].choices = choices
        if len(numbers) >= 2:
            self.fields["old"].initial = numbers[-2]
            self.fields["new"].initial = numbers[-1]
