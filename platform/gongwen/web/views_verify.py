"""``POST /documents/verify/``: verify an uploaded PDF's seal signatures, answer in JSON.

The size check runs before the multipart body is parsed, so an oversized upload is refused
without being written to a temporary file; CSRF is then enforced as everywhere else.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from gongwen.documents.seals.exceptions import UploadRejected
from gongwen.documents.seals.uploads import check_declared_length, verify_upload


@login_required
@require_POST
@csrf_exempt  # only to look at Content-Length first; _verify is csrf_protect-ed
def verify_document(request: HttpRequest) -> HttpResponse:
    """Check the request's size and shape, then verify (CSRF enforced in :func:`_verify`)."""
    try:
        check_declared_length(request.META.get("CONTENT_LENGTH"))
        request.FILES  # noqa: B018 (parse the body here so a malformed one is a JSON 400)
    except UploadRejected as exc:
        return _rejected(exc.code, str(exc))
    except MultiPartParserError:
        return _rejected("bad_request", _("The upload could not be read."))
    return _verify(request)


@csrf_protect
def _verify(request: HttpRequest) -> HttpResponse:
    try:
        result = verify_upload(request.FILES.get("file"))
    except UploadRejected as exc:
        return _rejected(exc.code, str(exc))
    return JsonResponse(result.as_json())


def _rejected(code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": code, "message": message}, status=400)
