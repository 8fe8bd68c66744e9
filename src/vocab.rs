//! Words that both `decode` and `structure` read, kept in one place.
//!
//! `structure` reads a notice's signature block and its responsibility
//! statements; `decode`, rewrapping a hard-wrapped text dump, must keep
//! the same block and a statement closing a clause on lines of their own
//! (see [`crate::decode::text::rewrap`]). Data flows one way (decode →
//! structure), so decode cannot ask structure: the words live here, below
//! both stages, and each stage builds its own patterns from them once.
//!
//! Every word is in folded form (simplified script, NFKC width: see
//! [`crate::decode::normalize::fold`]): a stage folds a text before it
//! matches it against these words. Each is plain Han text, so a list
//! joins into a regex alternation as it is ([`alternation`]).

/// The Chinese numerals a label counts with (`第十二条`, `三、`, `（四）`),
/// as a regex character class: `structure` reads labels with it and
/// `decode` finds an article's label run into a chapter's heading.
pub const LABEL_NUMERAL: &str = "[一二三四五六七八九十百零〇两]";

/// Endings of a signing body's name (`某某县人民政府`, `财政部`,
/// `某某管委会`, `国家电网有限公司`, `某某工作领导小组`, `某某支队`,
/// `中国人民银行`, `中国人民银行某某分行`, `某某街道办事处`):
/// a short line of such names above a date is a signature block.
/// Overlapping endings (`委` / `党委`, `会` / `委员会`) are listed as a
/// reader names them; the alternation is the same either way.
pub const ISSUER_ENDINGS: &[&str] = &[
    "政府",
    "委员会",
    "管委会",
    "办公室",
    "办公厅",
    "局",
    "厅",
    "委",
    "部",
    "院",
    "会",
    "中心",
    "署",
    "办",
    "公司",
    "党委",
    "县委",
    "市委",
    "省委",
    "区委",
    "组",
    "队",
    "银行",
    "分行",
    "支行",
    "办事处",
];

/// What a unit label says the units do (`责任单位：`, `牵头部门：`,
/// `配合单位：`): GOLD.md's seven labels are 责任/牵头/配合/负责 with
/// 单位/部门, and notices also write 协同, 参与, 主责, 实施, 协办, 主办
/// and 主体. Which of them lead is the reader's business.
pub const UNIT_LABEL_ROLES: &[&str] = &[
    "责任", "牵头", "配合", "协同", "参与", "主责", "实施", "负责", "协办", "主办",
];

/// Whether a unit label's or column's role names the lead (`牵头单位`,
/// `主责部门`, `主办单位`): its units are lead units.
pub fn is_lead_role(role: &str) -> bool {
    matches!(role, "牵头" | "主责" | "主办")
}

/// What a unit label calls the units (`责任单位`, `牵头部门`, `责任主体`).
pub const UNIT_LABEL_HEADS: &[&str] = &["单位", "部门", "主体"];

/// The words of a task table's header (任务分工表): the column names
/// `decode` knows a `pdftotext -layout` table by and `structure` reads a
/// table's columns by. A task column is a qualifier, a noun and a suffix,
/// each but the noun optional (`任务`, `重点任务`, `工作措施`, `具体举措`,
/// `任务名称`, a policy list's `政策名称`). Where two columns are named so
/// (`政策名称` and `政策内容`, `任务` and `具体措施`), the first names the
/// task.
pub const TASK_COLUMN_QUALIFIERS: &[&str] = &["重点", "主要", "工作", "具体", "改革", "政策"];

/// The noun of a task column's name (see [`TASK_COLUMN_QUALIFIERS`]).
pub const TASK_COLUMN_NOUNS: &[&str] = &["任务", "措施", "事项", "工作", "内容", "举措", "政策"];

/// What may follow a task column's noun (`任务名称`, `工作内容`).
pub const TASK_COLUMN_SUFFIXES: &[&str] = &["措施", "内容", "事项", "名称", "举措"];

/// Roles a table's column names beside [`UNIT_LABEL_ROLES`]: a policy
/// list's `主管部门` and `兑现部门` are the departments answerable for each
/// policy. (`受理部门`, where one applies, and `咨询电话` name none.)
pub const UNIT_COLUMN_ROLES: &[&str] = &["主管", "兑现"];

/// What a unit column's name ends in: a role ([`UNIT_LABEL_ROLES`]) and
/// one of these (`牵头单位`, `责任部门`, `责任处室`, `实施主体`).
pub const UNIT_COLUMN_HEADS: &[&str] = &["单位", "部门", "处室", "主体"];

/// Names of a number column (`序号`; `No.` in [`number_column_pattern`]).
pub const NUMBER_COLUMNS: &[&str] = &["序号", "编号"];

/// Other columns of a task table: when and what (`完成时限`, `时间节点`,
/// `进度安排`, `工作目标`, `备注`). A column named by a time word
/// (`时限`, `时间`) may have `完成` or `办结` before it.
pub const OTHER_COLUMNS: &[&str] = &[
    "时限",
    "时间",
    "完成时限",
    "完成时间",
    "办结时限",
    "办结时间",
    "时间节点",
    "时间安排",
    "进度安排",
    "工作目标",
    "目标任务",
    "备注",
];

/// The scale words a figure ends on (`1.2万`, `5亿`, `3千`), in both
/// scripts: a figure's unit comes after them (`万元`), and a figure after
/// one is another figure (`1.2万 5860万元`).
pub const SCALE_WORDS: &[char] = &['万', '萬', '亿', '億', '千', '百'];

/// Whether `c` is one of [`SCALE_WORDS`].
pub fn is_scale_word(c: char) -> bool {
    SCALE_WORDS.contains(&c)
}

/// Marks between the two ends of a range (`10%—20%`, `50万元至800万元`),
/// as entities see them after folding, and the full-width forms a PDF's
/// text has before it (`－`, `～`).
pub const RANGE_MARKS: &[&str] = &["——", "—", "-", "–", "−", "―", "~", "至", "到", "－", "～"];

/// Names of a table's row of sums (`合计`, `小计`, `总计`): no task and no
/// name of its own, a row apart from the one above it, and a column of
/// money where a header says it.
pub const TOTAL_WORDS: &[&str] = &["合计", "小计", "总计"];

/// Words by which a headline says the page interprets a policy rather than
/// states it (`…政策解读`, `…答记者问`, `一图读懂…`): such a page signs
/// nothing itself, and a dump's headline of it is no notice's title.
pub const INTERPRETATION_WORDS: &[&str] = &["解读", "图解", "答记者问", "答问", "问答", "一图读懂"];

/// The manner in which units take up a role (`按职责分工`, `按属地`,
/// `分别`, `共同`): a regex fragment, no part of a unit's name. A macro
/// so that [`ROLE_WORDS`] can be put together from it at compile time.
macro_rules! role_manner {
    () => {
        r"按照?(?:职责(?:分工)?|属地(?:职责|管理)?)|根据职责|依职责|分别|共同"
    };
}
pub(crate) use role_manner;

/// Role words closing a responsibility statement's item (GOLD.md:
/// `(人力資源社會保障部、財政部負責)`, `(發展改革委牽頭負責)`,
/// `(X按職責分工負責)`), with the manner before them (`按职责分工`,
/// `按属地`, `分别`, `共同`): what a unit does, not its name.
///
/// A regex fragment in verbose mode: embed it after `(?x)`.
pub const ROLE_WORDS: &str = concat!(
    "(?:",
    role_manner!(),
    r")?
        (?:牵头负责|牵头落实|牵头实施|牵头推进|牵头组织|负责落实|负责实施
          |组织落实|组织实施|组织配合|配合落实|牵头|负责|配合|参与|协同|协助|落实)"
);

/// A list of words as a non-capturing regex alternation: `(?:a|b|c)`.
pub fn alternation(words: &[&str]) -> String {
    format!("(?:{})", words.join("|"))
}

/// A unit label up to its colon, with the label's role in the group
/// `role` (`责任单位:`, `牵头部门 :`): the pattern over folded text.
pub fn unit_label_pattern() -> String {
    format!(
        r"(?P<role>{}){}\s*:",
        UNIT_LABEL_ROLES.join("|"),
        alternation(UNIT_LABEL_HEADS)
    )
}

/// Last characters of names of government bodies (folded): `局`, `委`,
/// `政府`'s `府`; the people's organisations a notice names by their
/// short names (`工商联`, `妇联`, `残联`, `科协`, `政协`); the offices
/// inside a county's bureau (`县卫健委财务股`, `市财政局预算科`).
pub const UNIT_ENDINGS: &[char] = &[
    '局', '委', '办', '厅', '府', '部', '院', '会', '心', '司', '团', '所', '处', '室', '行', '署',
    '队', '馆', '站', '社', '校', '关', '镇', '乡', '道', '门', '区', '县', '市', '省', '台', '园',
    '组', '庭', '监', '管', '位', '业', '构', '地', '联', '协', '股', '科',
];

/// A task column's name, whole (folded, white space removed).
pub fn task_column_pattern() -> String {
    format!(
        "^{}?{}{}?$",
        alternation(TASK_COLUMN_QUALIFIERS),
        alternation(TASK_COLUMN_NOUNS),
        alternation(TASK_COLUMN_SUFFIXES)
    )
}

/// A unit column's name, with its role in the group `role`: a role and a
/// head, after up to four ideographs naming whose (`省直责任单位`) and
/// before a note (`责任单位（列第一位的为牵头单位）`). Folded, white
/// space removed; anchored at the start only, for the note.
pub fn unit_column_pattern() -> String {
    format!(
        r"^\p{{Han}}{{0,4}}?(?P<role>{}){}",
        UNIT_LABEL_ROLES
            .iter()
            .chain(UNIT_COLUMN_ROLES)
            .copied()
            .collect::<Vec<_>>()
            .join("|"),
        alternation(UNIT_COLUMN_HEADS)
    )
}

/// A number column's name, whole (folded, white space removed): `序号`,
/// `编号`, `No.`.
pub fn number_column_pattern() -> String {
    format!(r"^(?:{}|(?i:no)\.?)$", NUMBER_COLUMNS.join("|"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    /// Words join into alternations unescaped: none may hold a regex
    /// metacharacter, white space or anything but a folded ideograph.
    #[test]
    fn every_word_is_plain_folded_han() {
        for w in ISSUER_ENDINGS
            .iter()
            .chain(UNIT_LABEL_ROLES)
            .chain(UNIT_COLUMN_ROLES)
            .chain(UNIT_LABEL_HEADS)
            .chain(TASK_COLUMN_QUALIFIERS)
            .chain(TASK_COLUMN_NOUNS)
            .chain(TASK_COLUMN_SUFFIXES)
            .chain(UNIT_COLUMN_HEADS)
            .chain(NUMBER_COLUMNS)
            .chain(OTHER_COLUMNS)
        {
            assert!(!w.is_empty(), "empty word");
            assert!(
                w.chars().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
                "{w}"
            );
            assert_eq!(crate::decode::normalize::fold(w), *w, "{w} is not folded");
        }
    }

    #[test]
    fn patterns_compile_and_read_as_meant() {
        let label = Regex::new(&unit_label_pattern()).expect("valid regex");
        let c = label.captures("(牵头部门 :市商务委)").expect("a label");
        assert_eq!(&c["role"], "牵头");
        assert!(!label.is_match("负责人:张某"));
        let role = Regex::new(&format!("(?x){ROLE_WORDS}$")).expect("valid regex");
        assert!(role.is_match("市财政局按职责分工负责"));
        assert!(!role.is_match("市财政局"));
        let end = Regex::new(&format!("{}$", alternation(ISSUER_ENDINGS))).expect("valid regex");
        assert!(end.is_match("国家电网有限公司"));
        assert!(!end.is_match("关于印发若干措施的通知"));
        let task = Regex::new(&task_column_pattern()).expect("valid regex");
        for name in ["任务", "重点任务", "工作措施", "具体举措", "任务名称"] {
            assert!(task.is_match(name), "{name}");
        }
        assert!(!task.is_match("任务分工表"));
        let unit = Regex::new(&unit_column_pattern()).expect("valid regex");
        let c = unit.captures("省直牵头单位").expect("a unit column");
        assert_eq!(&c["role"], "牵头");
        assert!(unit.is_match("责任单位（列第一位的为牵头单位）"));
        assert!(!unit.is_match("发文单位"));
        assert!(unit.is_match("兑现部门"));
        assert!(!unit.is_match("受理部门"));
        let number = Regex::new(&number_column_pattern()).expect("valid regex");
        assert!(number.is_match("序号") && number.is_match("No."));
        assert!(!number.is_match("Note"));
    }
}
