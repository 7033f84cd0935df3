"""The 公文 (every 要素 of 第九条) bound 1:1 to a runtime process, and its stored files."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from gongwen.documents.content import body_from_data
from gongwen.documents.document.exceptions import DocumentLocked
from gongwen.documents.elements import Attachment, DocumentElements
from gongwen.documents.kinds import Direction, Kind, Secrecy, Urgency
from gongwen.documents.lifecycle import DocumentLifecycle, DocumentState


def _choices(enum: type) -> list[tuple[str, str]]:
    return [(member.value, member.value) for member in enum]


class Document(models.Model):
    """One 公文: its 要素, its drafting department and its lifecycle state.

    The 附件说明 is not stored: it is derived from the attachment files. Once archived a
    document refuses every save (:class:`DocumentLocked`).
    """

    process = models.OneToOneField(
        "runtime.Process",
        verbose_name=_("process"),
        on_delete=models.PROTECT,
        related_name="document",
    )
    kind = models.CharField(_("kind"), max_length=4, choices=_choices(Kind))
    direction = models.CharField(
        _("direction"), max_length=10, choices=_choices(Direction), default=Direction.DOWN.value
    )
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("drafting department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=DocumentState.choices,
        default=DocumentState.DRAFT.value,
        db_index=True,
    )
    copy_number = models.CharField(_("copy number"), max_length=6, blank=True)  # 份号
    secrecy = models.CharField(
        _("secrecy"), max_length=4, choices=_choices(Secrecy), default=Secrecy.PUBLIC.value
    )
    secrecy_period = models.CharField(_("secrecy period"), max_length=20, blank=True)
    urgency = models.CharField(
        _("urgency"), max_length=4, choices=_choices(Urgency), default=Urgency.NORMAL.value
    )
    organ_code = models.CharField(_("organ code"), max_length=30, blank=True)  # 发文机关代字
    organ_name = models.CharField(_("issuing organ"), max_length=100, blank=True)  # 发文机关
    doc_number = models.CharField(_("document number"), max_length=60, blank=True, db_index=True)
    issued_number = models.OneToOneField(
        "documents.IssuedNumber",
        verbose_name=_("issued number"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="document",
    )
    signer = models.ForeignKey(  # 签发人
        settings.AUTH_USER_MODEL,
        verbose_name=_("signer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    main_recipients = models.JSONField(_("main recipients"), default=list, blank=True)
    body = models.JSONField(_("body"), default=list, blank=True)
    signature_organ = models.CharField(_("signing organ"), max_length=100, blank=True)  # 署名
    date = models.DateField(_("date of the document"), null=True, blank=True)  # 成文日期
    note = models.TextField(_("note"), blank=True)  # 附注
    cc = models.JSONField(_("copies to"), default=list, blank=True)  # 抄送机关
    printing_organ = models.CharField(_("printing organ"), max_length=100, blank=True)
    printing_date = models.DateField(_("printing date"), null=True, blank=True)
    distribution = models.JSONField(_("distribution"), default=dict, blank=True)
    dispatched_at = models.DateTimeField(_("dispatched at"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.doc_number or self.title

    @property
    def lifecycle(self) -> DocumentLifecycle:
        """Return the state machine that moves :attr:`state`."""
        return DocumentLifecycle(self)

    def save(self, *args, **kwargs) -> None:
        """Save, unless the stored document is archived (then raise :class:`DocumentLocked`)."""
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values_list("state", flat=True).first()
            if stored == DocumentState.ARCHIVED:
                raise DocumentLocked(_g("An archived document cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        """Delete, unless archived."""
        if self.state == DocumentState.ARCHIVED:
            raise DocumentLocked(_g("An archived document cannot be changed."))
        return super().delete(*args, **kwargs)

    def to_elements(self) -> DocumentElements:
        """Return the 要素 as the format check and the renderer take them."""
        attachments = tuple(
            Attachment(name=f.name, sha256=f.sha256)
            for f in self.files.filter(role=FileRole.ATTACHMENT).order_by("pk")
        )
        return DocumentElements(
            kind=Kind(self.kind),
            title=self.title,
            direction=Direction(self.direction),
            copy_number=self.copy_number,
            secrecy=Secrecy(self.secrecy),
            secrecy_period=self.secrecy_period,
            urgency=Urgency(self.urgency),
            organ_name=self.organ_name,
            doc_number=self.doc_number,
            signers=(str(self.signer),) if self.signer else (),
            main_recipients=tuple(self.main_recipients),
            body=body_from_data(self.body),
            attachments=attachments,
            signature_organ=self.signature_organ,
            date=self.date,
            note=self.note,
            cc=tuple(self.cc),
            printing_organ=self.printing_organ,
            printing_date=self.printing_date,
        )


class FileRole(models.TextChoices):
    """What a stored file is to its document."""

    BODY_DOCX = "body_docx", _("Body (DOCX)")
    PDF = "pdf", _("Final PDF")
    SEALED_PDF = "sealed_pdf", _("Sealed PDF")
    ATTACHMENT = "attachment", _("Attachment")


class DocumentFile(models.Model):
    """A generated file or an attachment, stored with its size, SHA-256 and sniffed type."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.PROTECT, related_name="files"
    )
    role = models.CharField(_("role"), max_length=12, choices=FileRole.choices)
    name = models.CharField(_("file name"), max_length=200)
    file = models.FileField(_("file"), upload_to="documents/%Y/%m/")
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    content_type = models.CharField(_("content type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("document file")
        verbose_name_plural = _("document files")
        ordering = ["document", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"
