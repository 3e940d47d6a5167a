"""The agreement model: what a lead unit describes once to draft its 组建协议 / 共建协议.

Pydantic models with Chinese field descriptions (they become the comments of ``gongjian init`` samples and the
messages of validation). This module does no I/O and imports nothing else of gongjian but the domain values.
Rules that only need the model itself (exactly one lead, shares summing to 100 %, funding totals, deadlines
inside the term, valid USCCs) are validated here; rules that need a regime (composition, prohibitions) live in
the clause library and are applied by ``gongjian.clauses.rules``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from gongjian.contracts.dates import term_end

#: The largest amount (in 元 or 万元) a spec may state: far above any platform's budget, and within what 大写
#: can write (16 integer digits of 元).
MAX_AMOUNT = Decimal(1_000_000_000_000)
#: The longest name of a unit, a platform or an agreement: the longest real ones are under 60 characters, and
#: the document's properties (title, subject, author) hold at most 255.
MAX_NAME = 100
#: The dates a term may start on: wide enough for any agreement, narrow enough that its end is a date.
EARLIEST_START, LATEST_START = dt.date(1949, 10, 1), dt.date(2099, 12, 31)

MemberRole = Literal["lead", "member"]
MemberTier = Literal["core", "cooperating"]
MemberType = Literal["enterprise", "university", "institute", "hospital", "other"]
ChainPosition = Literal["upstream", "downstream", "application", "none"]
MoneyUnit = Literal["元", "万元"]
FundingForm = Literal["cash", "in-kind", "technology", "personnel"]
RevenueType = Literal["transfer", "licence", "equity", "exploitation", "service", "subsidy"]
ForegroundRule = Literal["creator", "co-owned", "lead"]
DisputeRoute = Literal["arbitration", "court"]

MEMBER_TYPE_NAMES = {"enterprise": "企业", "university": "高校", "institute": "科研院所", "hospital": "医院",
                     "other": "其他"}
CHAIN_POSITION_NAMES = {"upstream": "产业链上游", "downstream": "产业链下游", "application": "应用单位",
                        "none": "—"}
REVENUE_TYPE_NAMES = {"transfer": "技术转让", "licence": "技术许可", "equity": "作价投资取得的股权收益",
                      "exploitation": "自行或合作实施", "service": "技术咨询和技术服务", "subsidy": "政府补贴和奖励"}
FUNDING_FORM_NAMES = {"cash": "货币", "in-kind": "实物", "technology": "技术", "personnel": "人员"}


class Model(BaseModel):
    """Base: unknown keys are errors, values are immutable once validated."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Contact(Model):
    """联系人与通知地址。"""

    name: str = Field(description="联系人姓名")
    phone: str = Field(description="联系电话")
    email: str | None = Field(None, description="电子邮箱")


class Member(Model):
    """一家成员单位。"""

    full_name: str = Field(min_length=2, max_length=MAX_NAME, description="单位全称，与营业执照或事业单位法人证书一致")
    short_name: str = Field(min_length=1, description="简称，例如 甲方、乙方")
    role: MemberRole = Field(description="角色：lead 牵头单位 / member 成员单位")
    tier: MemberTier | None = Field(None, description="层级（两江新区）：core 核心层单位 / cooperating 合作单位")
    type: MemberType = Field(description="类型：enterprise 企业 / university 高校 / institute 科研院所 / "
                                         "hospital 医院 / other 其他")
    chain_position: ChainPosition = Field("none", description="产业链位置：upstream 上游 / downstream 下游 / "
                                                              "application 应用单位 / none 不适用")
    uscc: str = Field(description="统一社会信用代码（18位）")
    legal_representative: str = Field(description="法定代表人")
    address: str = Field(description="住所")
    contact: Contact = Field(description="联系人")

    @property
    def type_name(self) -> str:
        """Return the member type in Chinese."""
        return MEMBER_TYPE_NAMES[self.type]

    @property
    def chain_position_name(self) -> str:
        """Return the chain position in Chinese."""
        return CHAIN_POSITION_NAMES[self.chain_position]


def platform_word(name: str) -> str:
    """Return how an agreement refers to its platform: 联盟, 中心 or 联合体 (from the platform's name).

    >>> platform_word("吉林省汽车轻量化材料产业创新中心"), platform_word("重庆两江新区工业互联网产业创新联合体")
    ('中心', '联合体')
    """
    for word in ("联盟", "中心"):
        if name.endswith(word):
            return word
    return "联合体"


class Platform(Model):
    """拟建平台。"""

    name: str = Field(max_length=MAX_NAME, description="平台名称，例如 重庆两江新区工业互联网产业创新联合体")
    regimes: tuple[str, ...] = Field(min_length=1, description="适用的制度编号，例如 cq-liangjiang")
    field: str = Field(description="技术领域")
    legal_form: Literal["contractual", "entity"] = Field(
        "contractual", description="平台形态：contractual 契约型（不具有独立法人资格）/ entity 独立法人"
    )
    entity_name: str | None = Field(None, description="独立法人实体名称（legal_form 为 entity 时填写）")
    liable_member: str = Field(description="对外承担责任的成员单位简称（通常为牵头单位）")
    premises_m2: int | None = Field(None, ge=0, description="牵头单位提供的科研场所面积（平方米）")


class Target(Model):
    """一项可考核的目标指标。"""

    indicator: str = Field(description="指标名称，例如 申请发明专利")
    value: Decimal = Field(gt=0, description="数值")
    unit: str = Field(description="单位，例如 项、万元、人")
    year: int = Field(ge=1, le=10, description="建设期第几年")
    owner: str = Field(description="责任单位简称")


class Goals(Model):
    """技术创新目标。"""

    direction: str = Field(description="技术方向与范围（一段话）")
    targets: tuple[Target, ...] = Field(min_length=1, description="逐年量化指标")
    acceptance: str = Field(description="验收或考核方式")


class Task(Model):
    """一项研发任务。"""

    owner: str = Field(description="承担单位简称")
    title: str = Field(description="任务名称")
    content: str = Field(description="任务内容")
    deliverable: str = Field(description="交付成果及技术指标")
    deadline: dt.date = Field(description="完成期限")
    leader: str | None = Field(None, description="项目负责人")


class Contribution(Model):
    """一家成员单位在一个年度的投入。"""

    member: str = Field(description="成员单位简称")
    year: int = Field(ge=1, le=10, description="建设期第几年")
    amount: Decimal = Field(gt=0, lt=MAX_AMOUNT, description="金额")
    form: FundingForm = Field("cash", description="形式：cash 货币 / in-kind 实物 / technology 技术 / personnel 人员")


class Funding(Model):
    """资金投入与成本承担。"""

    unit: MoneyUnit = Field("万元", description="金额单位：元 或 万元")
    total: Decimal = Field(gt=0, lt=MAX_AMOUNT, description="建设期投入总额")
    contributions: tuple[Contribution, ...] = Field(min_length=1, description="各成员单位分年度投入")
    account_holder: str = Field(description="设立联合体专账的成员单位简称")
    payment_day: str = Field("3月31日", description="每年足额投入的期限，例如 3月31日")
    shared_cost_rule: str = Field("按各方实际出资比例分担", description="共同费用的分担方式")

    def member_total(self, short_name: str) -> Decimal:
        """Return one member's total contribution over all years."""
        return sum((c.amount for c in self.contributions if c.member == short_name), Decimal(0))

    def in_yuan(self, amount: Decimal) -> Decimal:
        """Convert an amount in this funding's unit to 元."""
        return amount * 10000 if self.unit == "万元" else amount


class Council(Model):
    """理事会。"""

    name: str = Field("理事会", description="决策机构名称：理事会 或 董事会")
    seats_per_member: int = Field(1, ge=1, description="每家成员单位委派的理事人数")
    chair: str = Field(description="理事长所在成员单位简称")
    meetings_per_year: int = Field(2, ge=1, description="每年至少召开会议次数")
    quorum: str = Field("三分之二", description="出席比例，例如 三分之二")
    ordinary_majority: str = Field("过半数", description="一般事项通过比例")
    special_majority: str = Field("三分之二以上", description="重大事项通过比例")
    notice_days: int = Field(10, ge=1, description="会议通知提前天数")


class ExpertCommittee(Model):
    """专家委员会或技术委员会。"""

    name: str = Field("专家咨询委员会", description="专家委员会名称")
    size: int = Field(5, ge=3, description="委员人数")
    chief_expert: str = Field(description="首席专家（首席科学家、技术负责人）姓名")
    chief_expert_member: str = Field(description="首席专家所在成员单位简称")


class Governance(Model):
    """治理结构。"""

    council: Council
    expert_committee: ExpertCommittee
    executive_head: str = Field(description="行政负责人姓名")
    executive_member: str = Field(description="执行机构（办公室）所在成员单位简称")


class BackgroundIP(Model):
    """一项背景知识产权。"""

    owner: str = Field(description="权利人简称")
    kind: str = Field(description="类型：发明专利、实用新型、软件著作权、技术秘密等")
    title: str = Field(description="知识产权名称")
    number: str = Field(description="申请号、专利号或登记号")
    filing_date: dt.date | None = Field(None, description="申请日")


class Share(Model):
    """一家成员单位的份额（百分比）。"""

    member: str = Field(description="成员单位简称")
    percent: Decimal = Field(gt=0, le=100, description="份额百分比，例如 50 表示 50%")


class ForegroundIP(Model):
    """项目成果（前景知识产权）归属。"""

    rule: ForegroundRule = Field(description="归属规则：creator 归完成方 / co-owned 按份额共有 / lead 归牵头单位并"
                                             "向成员免费许可")
    co_owned_shares: tuple[Share, ...] = Field((), description="共有时各方份额（rule 为 co-owned 时必填，合计100%）")
    confirm_days: int = Field(30, ge=1, description="共同成果份额书面确认期限（日）")
    filing_member: str = Field(description="统一办理专利申请的成员单位简称")
    objection_days: int = Field(15, ge=1, description="不同意申请专利的书面答复期限（日）")
    improvement_notice_days: int = Field(60, ge=1, description="后续改进的书面通知期限（日）")


class Licensing(Model):
    """许可使用。"""

    member_rd_free: bool = Field(True, description="成员单位为本项目研发使用成果是否免费")
    member_commercial_rate_cap: Decimal = Field(
        Decimal(50), gt=0, le=100, description="成员单位商业实施的许可费上限（对外许可费率的百分比）"
    )
    third_party_threshold: str = Field("三分之二以上", description="对外独占或排他许可须经理事会通过的比例")
    distribution_days: int = Field(15, ge=1, description="许可费到账后分配期限（工作日）")


class RevenueSplit(Model):
    """一种收益的分配比例。"""

    type: RevenueType = Field(description="收益类型：transfer 转让 / licence 许可 / equity 作价投资 / "
                                          "exploitation 实施 / service 咨询服务 / subsidy 补贴")
    shares: tuple[Share, ...] = Field(min_length=1, description="各方比例，合计100%")

    @property
    def type_name(self) -> str:
        """Return the revenue type in Chinese."""
        return REVENUE_TYPE_NAMES[self.type]


class Revenue(Model):
    """转化收益分配。"""

    splits: tuple[RevenueSplit, ...] = Field(min_length=1, description="每种收益的分配比例")
    inventor_reward_percent: Decimal = Field(Decimal(50), ge=0, le=100,
                                             description="从净收入中提取用于奖励完成人的比例（%）")
    payment_days: int = Field(30, ge=1, description="收款方向其他方支付应得部分的期限（日）")
    audit_per_year: int = Field(1, ge=1, description="每年查阅会计账目的次数")


class Breach(Model):
    """违约责任。"""

    late_payment_rate: str = Field("万分之五", description="逾期投入资金每日违约金比例")
    suspension_days: int = Field(60, ge=1, description="逾期多少日可暂停表决权和收益分配权")
    cure_days: int = Field(30, ge=1, description="书面催告后的纠正期限（日）")
    confidentiality_penalty: Decimal = Field(Decimal(50), gt=0, lt=MAX_AMOUNT, description="泄密违约金（万元）")


class Dispute(Model):
    """争议解决：仅一个仲裁机构或一个法院所在地。"""

    route: DisputeRoute = Field(description="arbitration 仲裁 / court 诉讼")
    institution: str | None = Field(
        None, description="仲裁机构全称（route 为 arbitration 时必填），例如 重庆仲裁委员会"
    )
    court_place: str | None = Field(None, description="管辖法院所在地（route 为 court 时必填），例如 甲方住所地")
    negotiation_days: int = Field(30, ge=1, description="友好协商期限（日）")

    @model_validator(mode="after")
    def _one_forum(self) -> Dispute:
        if self.route == "arbitration" and not self.institution:
            raise ValueError("选择仲裁时须填写一个仲裁机构全称（institution）")
        if self.route == "court" and not self.court_place:
            raise ValueError("选择诉讼时须填写管辖法院所在地（court_place），例如 甲方住所地")
        if self.institution and self.court_place:
            raise ValueError("仲裁与诉讼只能选择一种（或裁或诉的约定无效，仲裁法解释第七条）")
        return self


class Membership(Model):
    """成员加入与退出。"""

    admission_threshold: str = Field("三分之二以上", description="新成员加入须经理事会同意的比例")
    exit_notice_days: int = Field(90, ge=1, description="退出提前书面通知天数")
    replacement_days: int = Field(60, ge=1, description="退出致使成员构成不达标时补充新成员的期限（日）")


class Dissolution(Model):
    """解散。"""

    cleanup_days: int = Field(30, ge=1, description="解散后组成清算小组的期限（日）")
    record_years: int = Field(10, ge=1, description="档案保存年限")


class Term(Model):
    """生效与期限。"""

    start: dt.date = Field(ge=EARLIEST_START, le=LATEST_START, description="期限起始日")
    years: int = Field(ge=1, le=10, description="协议期限（年）")
    renewal_notice_days: int = Field(90, ge=1, description="届满前多少日可决议续期")
    confidentiality_years: int = Field(5, ge=1, description="终止或退出后保密义务持续年数")

    @property
    def end(self) -> dt.date:
        """Return the last day of the term (start + years − 1 day)."""
        return term_end(self.start, self.years)


class Signing(Model):
    """签署。"""

    place: str = Field(description="签订地点")
    filing_copies: int = Field(0, ge=0, description="报主管部门备案的份数")


class Agreement(Model):
    """一份组建协议 / 共建协议的全部约定。"""

    schema_version: Literal[1] = 1
    title: str = Field(max_length=2 * MAX_NAME,
                       description="协议名称，例如 重庆两江新区工业互联网产业创新联合体组建协议")
    platform: Platform
    members: tuple[Member, ...] = Field(min_length=2, description="成员单位（恰有一家牵头单位）")
    goals: Goals
    tasks: tuple[Task, ...] = Field(min_length=1, description="研发任务（每家成员单位至少一项）")
    funding: Funding
    governance: Governance
    background_ip: tuple[BackgroundIP, ...] = Field((), description="背景知识产权清单")
    foreground_ip: ForegroundIP
    licensing: Licensing = Licensing()
    revenue: Revenue
    breach: Breach = Breach()
    dispute: Dispute
    membership: Membership = Membership()
    dissolution: Dissolution = Dissolution()
    term: Term
    signing: Signing

    @property
    def lead(self) -> Member:
        """Return the lead unit (validation guarantees exactly one)."""
        return next(m for m in self.members if m.role == "lead")

    @property
    def others(self) -> tuple[Member, ...]:
        """Return the members other than the lead."""
        return tuple(m for m in self.members if m.role != "lead")

    @property
    def copies(self) -> int:
        """Return the number of originals: one per member plus the filing copies."""
        return len(self.members) + self.signing.filing_copies

    def member(self, short_name: str) -> Member:
        """Return the member with this short name.

        Raises:
            KeyError: no member has that short name.
        """
        for m in self.members:
            if m.short_name == short_name:
                return m
        raise KeyError(short_name)
