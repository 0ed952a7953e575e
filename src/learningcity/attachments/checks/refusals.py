"""The one exception every check raises, with its Thai sentence chosen by code."""

from django.utils.translation import gettext as _

from learningcity.attachments.enums import FileKind, RefusalCode


def _messages() -> dict[RefusalCode, str]:
    # Built per call so that the sentence is in the language active when the refusal happens.
    return {
        RefusalCode.EMPTY: _("The file is empty (0 bytes). Please choose the file again."),
        RefusalCode.TOO_LARGE: _(
            "The file is larger than the limit of %(limit)s. "
            "Please make it smaller and upload it again."
        ),
        RefusalCode.UNKNOWN_TYPE: _(
            "This kind of file cannot be uploaded. Please upload one of: %(types)s."
        ),
        RefusalCode.TYPE_MISMATCH: _(
            "The content of the file does not match its name (%(extension)s). "
            "Please save the file again in the right format and upload it again."
        ),
        RefusalCode.TYPE_NOT_ACCEPTED: _(
            "A %(kind)s cannot be uploaded here. Please upload one of: %(types)s."
        ),
        RefusalCode.IMAGE_TOO_MANY_PIXELS: _(
            "The image is too large (%(width)s × %(height)s pixels). "
            "Please reduce it to at most %(megapixels)s megapixels."
        ),
        RefusalCode.IMAGE_SIDE_TOO_LONG: _(
            "The image is too wide or too tall (%(width)s × %(height)s pixels). "
            "Each side may be at most %(max_side)s pixels."
        ),
        RefusalCode.IMAGE_BROKEN: _(
            "The image is damaged or incomplete. Please save it again and upload it again."
        ),
        RefusalCode.PDF_BROKEN: _(
            "The PDF file is damaged or incomplete. Please save it again and upload it again."
        ),
        RefusalCode.PDF_ACTIVE_CONTENT: _(
            "The PDF contains %(found)s, which is not allowed. "
            "Please print it again to a plain PDF and upload that."
        ),
        RefusalCode.PDF_ENCRYPTED: _(
            "The PDF is protected by a password, so it cannot be checked. "
            "Please save it again without a password and upload that."
        ),
        RefusalCode.PPTX_BROKEN: _(
            "The file is not a complete PowerPoint presentation (.pptx). "
            "Please save it again from PowerPoint and upload it again."
        ),
        RefusalCode.PPTX_MACROS: _(
            "The presentation contains macros, which are not allowed. "
            "Please save it as a .pptx presentation without macros."
        ),
        RefusalCode.PPTX_TOO_MANY_PARTS: _(
            "The presentation has too many internal parts (more than %(limit)s). "
            "Please reduce the number of slides or pictures."
        ),
        RefusalCode.PPTX_UNPACKED_TOO_LARGE: _(
            "The presentation is too large once unpacked. "
            "Please compress the pictures in it and save it again."
        ),
        RefusalCode.PPTX_UNSAFE_PATH: _(
            "The presentation contains a part with an unsafe name. "
            "Please save it again from PowerPoint and upload it again."
        ),
        RefusalCode.PPTX_EXTERNAL_LINK: _(
            "The presentation links to something outside it (%(target)s), such as a remote "
            "template or a picture on another computer. Please insert the item itself into the "
            "slides (web links may stay) and save it again."
        ),
        RefusalCode.PPTX_EMBEDDED_OBJECT: _(
            "The presentation contains an embedded object or program (%(part)s), which is not "
            "allowed. Please remove it, paste it as a picture, and save it again."
        ),
        RefusalCode.PPTX_ENCRYPTED: _(
            "The presentation is protected by a password, so it cannot be checked. "
            "Please save it again without a password and upload that."
        ),
        RefusalCode.PPTX_SYMLINK: _(
            "The presentation contains a link to a file on a computer (a symbolic link). "
            "Please save it again from PowerPoint and upload it again."
        ),
        RefusalCode.PHOTO_UPLOAD_TOO_LARGE: _(
            "The photo is larger than %(limit)s, the most that can be uploaded. Photos up to "
            "%(limit)s are made smaller on the server; each stored photo is at most %(stored)s."
        ),
        RefusalCode.PHOTO_TOO_LARGE: _(
            "The photo cannot be made smaller than %(limit)s. Please choose another photo."
        ),
    }


class UploadRefused(Exception):
    """An upload that must not be stored; ``message`` is the sentence to show the applicant."""

    def __init__(self, code: RefusalCode, message: str) -> None:
        super().__init__(code, message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


def refusal(code: RefusalCode, **params: object) -> UploadRefused:
    """The refusal for ``code``, its sentence filled with ``params`` in the active language."""
    message = _messages()[code]
    return UploadRefused(code, message % params if params else message)


def megabytes(size: int) -> str:
    return f"{size / 1_048_576:.3g} MB"


def kind_list(kinds) -> str:
    return ", ".join(str(FileKind(kind).label) for kind in kinds)
