"""The 公文's actions (kernel actions, registered by code).

Start a 公文 by its document type; edit its 要素; submit it; reserve and void 发文字号. The
公文 steps (签发, 编号, 用印, 分发, 归档) run inside the runtime's actions and record their own
events (:mod:`gongwen.documents.steps`, :func:`gongwen.documents.services.sign`).
"""

from gongwen.documents.actions.edit_elements import EditElements
from gongwen.documents.actions.numbers import ReserveNumber, VoidNumber
from gongwen.documents.actions.start_document import StartDocument
from gongwen.documents.actions.submit_document import SubmitDocument

__all__ = ["EditElements", "ReserveNumber", "StartDocument", "SubmitDocument", "VoidNumber"]
