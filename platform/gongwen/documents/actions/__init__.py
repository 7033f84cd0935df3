"""The 公文's actions (kernel actions, registered by code): start a 公文 by its document type."""

from gongwen.documents.actions.start_document import StartDocument

__all__ = ["StartDocument"]
