"""``claim: true`` (认领) reaches the compiled node spec; elsewhere it is refused by position."""

from __future__ import annotations

from gongwen.definitions import compile_flow, validate


def test_claim_on_a_role_node_compiles_into_the_spec(basic_flow, basic_form) -> None:
    countersign = basic_flow["nodes"][3]  # role leader_in_charge, mode all
    del countersign["mode"]
    countersign["claim"] = True
    spec = compile_flow(basic_flow, basic_form)
    assert spec.nodes["countersign"].claim is True
    assert spec.nodes["review"].claim is False


def test_claim_is_not_a_setting_of_automatic_steps(basic_flow, basic_form) -> None:
    basic_flow["nodes"][6]["claim"] = True  # notify, a cc step
    basic_flow["nodes"][6]["assignee"] = {"rule": "role", "role": "registrar"}  # a pool rule
    problems = validate(basic_flow, form=basic_form)
    assert [(p.code, p.pointer) for p in problems] == [
        ("flow.setting_not_applicable", "/nodes/6/claim")
    ]
