"""Assignee rules: who gets a node's tasks (contract 5).

A rule is data in the definition (``{"rule": "department_head", "of": "initiator"}``); a
*resolver* registered under the rule's name turns it into people. Plugins add rules by
registering a resolver here and the rule's parameter schema with
``gongwen.definitions.registries.register_assignee_rule``.
"""

from gongwen.runtime.assignees.context import AssigneeContext
from gongwen.runtime.assignees.registry import Resolver, resolve, resolvers

__all__ = ["AssigneeContext", "Resolver", "resolve", "resolvers"]
