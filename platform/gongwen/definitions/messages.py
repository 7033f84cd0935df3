"""The message of every problem code, in Simplified Chinese and English.

Problems carry both languages (the API contract), so these templates are data rather than
gettext strings. ``{placeholders}`` are filled by :func:`gongwen.definitions.problems.problem`
with values already shortened and made printable. docs/definitions.md lists the codes;
a test keeps the two in step.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # The document as a whole.
    "definition.too_large": (
        "定义过大：{size} 字节，上限 {limit} 字节。",
        "The definition is too large: {size} bytes, the limit is {limit}.",
    ),
    "definition.too_deep": (
        "定义嵌套过深：超过 {limit} 层。",
        "The definition is nested too deeply: more than {limit} levels.",
    ),
    "definition.not_json": (
        "定义不是合法的 JSON 数据：{detail}。",
        "The definition is not JSON data: {detail}.",
    ),
    "definition.not_object": (
        "定义必须是 JSON 对象。",
        "The definition must be a JSON object.",
    ),
    "definition.unknown_kind": (
        "无法识别定义类型：kind 应为 form 或 flow。",
        "Unknown definition kind: kind must be form or flow.",
    ),
    "definition.unsupported_version": (
        "不支持的格式版本 {version}（当前为 {current}）。",
        "Unsupported schema_version {version} (current is {current}).",
    ),
    "definition.unstorable_text": (
        "文本含有无法保存的字符（NUL、控制字符或孤立的代理项）。",
        "The text holds a character that cannot be stored (NUL, a control character or a lone "
        "surrogate).",
    ),
    "definition.internal_error": (
        "校验器内部错误（{detail}），请报告此问题。",
        "Internal validator error ({detail}); please report it.",
    ),
    # JSON Schema keywords.
    "schema.required": ("缺少必填属性 “{name}”。", "Required property “{name}” is missing."),
    "schema.additionalProperties": ("不允许的属性 “{name}”。", "Property “{name}” is not allowed."),
    "schema.unevaluatedProperties": (
        "不允许的属性 “{name}”。",
        "Property “{name}” is not allowed.",
    ),
    "schema.type": ("类型错误：应为 {expected}。", "Wrong type: expected {expected}."),
    "schema.enum": ("取值不在允许范围内：{expected}。", "Value is not one of: {expected}."),
    "schema.const": ("取值应为 {expected}。", "Value must be {expected}."),
    "schema.pattern": ("格式不正确。", "Value does not have the expected format."),
    "schema.minLength": (
        "内容过短（至少 {expected} 个字符）。",
        "Too short (at least {expected}).",
    ),
    "schema.maxLength": ("内容过长（至多 {expected} 个字符）。", "Too long (at most {expected})."),
    "schema.minItems": ("条目过少（至少 {expected} 项）。", "Too few items (at least {expected})."),
    "schema.maxItems": ("条目过多（至多 {expected} 项）。", "Too many items (at most {expected})."),
    "schema.uniqueItems": ("条目不能重复。", "Items must be unique."),
    "schema.minimum": ("数值过小（至少 {expected}）。", "Too small (at least {expected})."),
    "schema.maximum": ("数值过大（至多 {expected}）。", "Too large (at most {expected})."),
    "schema.maxProperties": (
        "属性过多（至多 {expected} 个）。",
        "Too many properties (at most {expected}).",
    ),
    "schema.propertyNames": (
        "属性名 “{name}” 格式不正确。",
        "Property name “{name}” is malformed.",
    ),
    "schema.other": ("不符合格式定义（{keyword}）。", "Does not match the format ({keyword})."),
    # Flow semantics.
    "flow.duplicate_node_id": ("节点 ID “{id}” 重复。", "Node id “{id}” is used twice."),
    "flow.invalid_node_id": (
        "节点 ID 只能包含英文字母、数字和下划线，并以字母开头。",
        "A node id is ASCII letters, digits and underscores, starting with a letter.",
    ),
    "flow.dangling_edge": (
        "连线指向不存在的节点 “{id}”。",
        "The edge refers to a missing node “{id}”.",
    ),
    "flow.no_start": ("流程没有开始节点。", "The flow has no start node."),
    "flow.multiple_starts": ("流程只能有一个开始节点。", "The flow has more than one start node."),
    "flow.no_end": ("流程没有结束节点。", "The flow has no end node."),
    "flow.start_has_incoming": (
        "开始节点不能有进入的连线。",
        "The start node cannot have incoming edges.",
    ),
    "flow.end_has_outgoing": (
        "结束节点不能有离开的连线。",
        "An end node cannot have outgoing edges.",
    ),
    "flow.multiple_outgoing": (
        "节点 “{id}” 有多条离开的连线；分支请使用条件网关或并行网关。",
        "Node “{id}” has several outgoing edges; branch with an exclusive or parallel gateway.",
    ),
    "flow.unreachable_node": (
        "从开始节点无法到达节点 “{id}”。",
        "Node “{id}” cannot be reached from the start.",
    ),
    "flow.cannot_reach_end": (
        "节点 “{id}” 无法到达结束节点。",
        "Node “{id}” cannot reach an end node.",
    ),
    "flow.cycle_without_exit": (
        "节点 “{id}” 所在的循环没有出口。",
        "The cycle through node “{id}” has no exit.",
    ),
    "flow.duplicate_edge": (
        "从 “{source}” 到 “{target}” 的连线重复。",
        "The edge from “{source}” to “{target}” is there twice.",
    ),
    "flow.cycle_without_person": (
        "节点 “{id}” 所在的循环没有经过任何人工节点，流程会在其中无限循环。",
        "The cycle through node “{id}” passes no step where a person acts: the flow would go "
        "round it forever.",
    ),
    "flow.branch_bypasses_join": (
        "从 “{source}” 到 “{target}” 的连线跨越了并行区域的边界（只能经由汇聚节点离开并行分支）。",
        "The edge from “{source}” to “{target}” crosses the boundary of a parallel region (a "
        "branch may leave only through its join).",
    ),
    "flow.join_without_split": (
        "汇聚节点 “{id}” 没有对应的并行分支。",
        "Join “{id}” does not merge the branches of a parallel split.",
    ),
    "flow.split_without_join": (
        "并行分支 “{id}” 的各分支没有汇聚到同一个汇聚节点。",
        "The branches of parallel split “{id}” never meet at a join.",
    ),
    "flow.exclusive_default_count": (
        "条件网关 “{id}” 必须有且只有一条默认连线（现有 {count} 条）。",
        "Exclusive gateway “{id}” needs exactly one default edge (it has {count}).",
    ),
    "flow.missing_condition": (
        "条件网关的非默认连线必须有条件（when）。",
        "A non-default edge of an exclusive gateway needs a condition (when).",
    ),
    "flow.default_with_condition": (
        "默认连线不能同时带条件。",
        "A default edge cannot also have a condition.",
    ),
    "flow.condition_outside_exclusive": (
        "只有条件网关离开的连线可以带条件或设为默认。",
        "Only edges leaving an exclusive gateway may have a condition or be the default.",
    ),
    "flow.setting_not_applicable": (
        "{type} 类型的节点不能设置 “{name}”。",
        "A {type} node cannot have “{name}”.",
    ),
    "flow.unknown_assignee_rule": (
        "未知的处理人规则 “{rule}”。",
        "Unknown assignee rule “{rule}”.",
    ),
    "flow.assignee_param_missing": (
        "处理人规则 “{rule}” 缺少参数 “{name}”。",
        "Assignee rule “{rule}” is missing its parameter “{name}”.",
    ),
    "flow.assignee_param_invalid": (
        "处理人规则 “{rule}” 的参数 “{name}” 无效。",
        "Parameter “{name}” of assignee rule “{rule}” is invalid.",
    ),
    "flow.ratio_out_of_range": (
        "通过比例必须大于 0 且不大于 1。",
        "The ratio must be greater than 0 and at most 1.",
    ),
    "flow.ratio_without_mode": (
        "只有审批方式为 ratio 时才能设置比例。",
        "A ratio is only allowed with mode ratio.",
    ),
    "flow.ratio_missing": (
        "审批方式为 ratio 时必须设置比例。",
        "Mode ratio needs a ratio.",
    ),
    "flow.claim_needs_pool_rule": (
        "认领（claim）只能用于按角色（role）或岗位（position）确定处理人的节点，"
        "不能用于 “{rule}”。",
        "Claim (认领) needs assignee rule role or position, not “{rule}”.",
    ),
    "flow.claim_needs_single_mode": (
        "认领（claim）节点的审批方式必须为 single。",
        "A claim (认领) node needs mode single.",
    ),
    "flow.invalid_duration": (
        "“{value}” 不是有效的时长（ISO 8601，如 P1D、PT4H、P1DT2H）。",
        "“{value}” is not a valid duration (ISO 8601, e.g. P1D, PT4H, P1DT2H).",
    ),
    "flow.reminder_not_before_deadline": (
        "提醒时间必须短于办理时限。",
        "The reminder must come before the deadline (remind_before shorter than duration).",
    ),
    "flow.unknown_numbering_series": (
        "编号规则 “{key}” 不存在。",
        "Numbering series “{key}” does not exist.",
    ),
    "flow.numbering_series_not_checked": (
        "未检查编号规则 “{key}”：没有数据库（或尚未建表，请先运行 migrate）。",
        "Numbering series “{key}” not checked: no database (or its tables are not created yet;"
        " run migrate).",
    ),
    "flow.unknown_return_target": (
        "退回目标 “{id}” 不是本流程的节点。",
        "Return target “{id}” is not a node of this flow.",
    ),
    "flow.return_target_not_earlier": (
        "退回目标 “{id}” 不是此节点之前的人工节点。",
        "Return target “{id}” is not an earlier human step of this node.",
    ),
    "flow.return_target_other_branch": (
        "退回目标 “{id}” 位于此节点不在的并行分支中：引擎只能在本分支内退回，或退出整个并行区域。",
        "Return target “{id}” lies in a parallel branch this step is not in: the engine returns "
        "within the branch or out of the whole parallel region, never into another branch.",
    ),
    "flow.return_after_dispatch": (
        "退回目标 “{id}” 在分发之前：公文在此已分发（或归档），不能再退回。",
        "Return target “{id}” comes before 分发: here the document is dispatched (or archived) "
        "and cannot be taken back.",
    ),
    "flow.auto_return_impossible": (
        "节点 “{id}” 超时自动退回无处可退：上一个人工节点在别的并行分支中，"
        "或会把已分发的公文退回。",
        "The deadline of “{id}” returns automatically, but there is nowhere to return to: the "
        "previous person's step lies in another parallel branch, or returning would take back a "
        "dispatched document.",
    ),
    "flow.deadline_too_long": (
        "办理时限过长：最多 {days} 天。",
        "The deadline is too long: at most {days} days.",
    ),
    "flow.document_step_in_parallel": (
        "公文步骤 “{id}” 位于并行分支中：一份公文只能按顺序办理"
        "（签发 → 编号 → 用印 → 分发 → 归档）。",
        "公文 step “{id}” lies in a parallel branch: one document passes its steps in one order "
        "(签发 → 编号 → 用印 → 分发 → 归档).",
    ),
    "flow.document_step_out_of_order": (
        "公文步骤 “{id}” 在某条路径上无法办理：公文须依次经过 签发 → 编号 → 用印 → 分发 → 归档"
        "（收文：登记 → 归档；纪要可不用印），到达此处时其状态为 {state}。",
        "On some path the document cannot pass step “{id}”: it must go 签发 → 编号 → 用印 → "
        "分发 → 归档 in this order (收文: 登记 → 归档; a 纪要 may go out unsealed), and arrives "
        "here {state}.",
    ),
    "flow.number_step_without_series": (
        "流程有编号步骤 “{id}”，此处却没有编号规则：该机关的公文将无法编号。",
        "The flow has the numbering step “{id}” but no numbering series here: documents of this "
        "organ could not be numbered.",
    ),
    "flow.document_steps_not_checked": (
        "未检查公文步骤：公文模块未加载。",
        "公文 steps not checked: the documents layer is not loaded.",
    ),
    "flow.unknown_template": (
        "正文模板 “{key}” 不存在。",
        "正文 template “{key}” does not exist.",
    ),
    "flow.template_not_checked": (
        "未检查正文模板 “{key}”：公文模块未加载。",
        "正文 template “{key}” not checked: the documents layer is not loaded.",
    ),
    "flow.unknown_field_permission": (
        "字段权限指向表单中不存在的字段 “{name}”。",
        "The field permission names “{name}”, which the form does not have.",
    ),
    "flow.form_mismatch": (
        "流程使用表单 “{expected}”，但提供的表单是 “{actual}”。",
        "The flow uses form “{expected}” but the form given is “{actual}”.",
    ),
    "flow.form_invalid": (
        "所用表单本身有 {count} 个问题，请先修正表单。",
        "The form this flow uses has {count} problem(s) of its own; fix the form first.",
    ),
    # Form semantics.
    "form.duplicate_field": ("字段名 “{name}” 重复。", "Field name “{name}” is used twice."),
    "form.duplicate_option": ("选项值 “{value}” 重复。", "Option value “{value}” is used twice."),
    "form.unknown_field_in_layout": (
        "布局引用了不存在的字段 “{name}”。",
        "The layout names “{name}”, which is not a field.",
    ),
    "form.field_laid_out_twice": (
        "字段 “{name}” 在布局中出现多次。",
        "Field “{name}” appears more than once in the layout.",
    ),
    "form.unknown_field_in_rule": (
        "规则引用了不存在的字段 “{name}”。",
        "The rule names “{name}”, which is not a field.",
    ),
    "form.unknown_field_in_condition": (
        "条件引用了不存在的变量 “{name}”。",
        "The condition refers to “{name}”, which the form does not have.",
    ),
    "form.incompatible_comparison": (
        "字段 “{name}”（{type}）不能用 “{op}” 与 {literal} 比较。",
        "Field “{name}” ({type}) cannot be compared with {literal} using “{op}”.",
    ),
    "form.reserved_field_name": (
        "字段名 “{name}” 与 JavaScript 对象的内置属性同名，浏览器中的条件会误判，请改名。",
        "Field name “{name}” is a built-in property of JavaScript objects: conditions in the "
        "browser would misread it. Rename the field.",
    ),
    "form.formula_cycle": (
        "计算字段 “{name}” 的公式循环引用：{path}。",
        "The formula of computed field “{name}” refers to itself in a cycle: {path}.",
    ),
    "form.min_above_max": (
        "最小值（或最少行数）大于最大值。",
        "The minimum (or min_rows) is greater than the maximum.",
    ),
    # Expressions: gongwen.expressions.check codes are passed through with their own messages.
}
