//! The word lists of candidate generation and their verdict on each word
//! ([`word_flags`], computed once per distinct word and cached by
//! [`super::prep`]). Function words, titles, bodies and the like: general
//! lists of Chinese, never of slogans.

/// Chars that may not start or end a phrase: particles, conjunctions,
/// copulas.
pub(crate) const EDGE_STOP: &str = "的了和是在与及或而并但着过地得吗呢吧啊嘛呀之等";
/// Chars that may not end a phrase (they want an object after them).
pub(crate) const END_STOP: &str = "把被对从向给将于为以及其这那每各";
/// Chars that may not open a phrase: prepositions, demonstratives, the
/// first person (我国, 我省: "our", a description, not a name).
pub(crate) const FIRST_CHAR_STOP: &str = "以为把被对从向给将于按据经由让使当就其这那每各该此我";
/// Modal verbs, as words of their own: a phrase they open is a directive
/// (要坚持, 必须全面贯彻), not a name for something.
pub(crate) const MODALS: &[&str] = &["要", "应", "应当", "应该", "必须", "须", "务必"];
/// Localisers that end a place or time phrase (推进会上), and the plural
/// of persons (同志们), do not end a slogan.
pub(crate) const LAST_CHAR_STOP: &str = "上中下里内外间前后时们";
/// Particles that make a clause of what holds them.
pub(crate) const INNER_STOP: &[&str] = &["的", "地", "得", "了", "着", "过", "所"];
/// Tags that may not open a phrase: particles, prepositions, conjunctions,
/// measure words, localisers, interjections, onomatopoeia, non-words.
/// (Numerals may, for formulas; prepositions in 以…为…; pronouns other
/// than [`PRONOUNS`], such as 自我 in 自我革命.)
pub(crate) const BAD_FIRST: &[u8] = b"upcqfyeoxz";
/// Personal, demonstrative and interrogative pronouns: no phrase opens with
/// them (我们, 这些, 其他).
pub(crate) const PRONOUNS: &[&str] = &[
    "我",
    "你",
    "他",
    "她",
    "它",
    "我们",
    "你们",
    "他们",
    "她们",
    "它们",
    "咱们",
    "大家",
    "自己",
    "这",
    "那",
    "这些",
    "那些",
    "这个",
    "那个",
    "这样",
    "那样",
    "这种",
    "那种",
    "这里",
    "那里",
    "这么",
    "那么",
    "如此",
    "其",
    "其他",
    "其它",
    "其中",
    "各",
    "每",
    "某",
    "本",
    "该",
    "此",
    "什么",
    "怎么",
    "怎样",
    "如何",
    "哪",
    "哪里",
    "谁",
    "多少",
    "一切",
    "所有",
    "任何",
    "有些",
    "有的",
    "别人",
    "人家",
    "彼此",
    "之",
    "之所以",
    "今后",
    "以后",
];
/// Tags that may not close one.
pub(crate) const BAD_LAST: &[u8] = b"upcrmqdfyeoxz";

/// A set of tag bytes as a table: one load instead of a scan of the list.
const fn tag_set(tags: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < tags.len() {
        t[tags[i] as usize] = true;
        i += 1;
    }
    t
}
const BAD_FIRST_SET: [bool; 256] = tag_set(BAD_FIRST);
const BAD_LAST_SET: [bool; 256] = tag_set(BAD_LAST);

/// Is this first tag byte in [`BAD_FIRST`]?
pub(crate) fn bad_first(tag: u8) -> bool {
    BAD_FIRST_SET[tag as usize]
}

/// Is this first tag byte in [`BAD_LAST`]?
pub(crate) fn bad_last(tag: u8) -> bool {
    BAD_LAST_SET[tag as usize]
}
/// A phrase that ends in a person is a title for people (书记镇长).
pub(crate) const PEOPLE: &[&str] = &[
    "书记",
    "镇长",
    "县长",
    "市长",
    "乡长",
    "主任",
    "部长",
    "局长",
    "干部",
    "党员",
    "同志",
    "群众",
    "代表",
    "成员",
    "委员",
    "主席",
    "总理",
    "领导",
    "总书记",
    "同学",
    "朋友",
];
/// Reporting verbs: 习近平强调, 会议指出 report speech.
pub(crate) const SAYING: &[&str] = &[
    "强调", "指出", "表示", "认为", "提出", "要求", "讲话", "主持", "出席", "说", "称", "谈",
];
/// Bodies, documents and organisations: 有关部门, 工作会议, 上海合作组织
/// name an institution. [`INSTITUTIONS`] also as the end of a longer word
/// (投资银行, 领导小组).
pub(crate) const BODIES: &[&str] = &[
    "部门", "单位", "会议", "报告", "机关", "人员", "工作", "组织", "集团", "银行", "公司", "大学",
    "学院", "协会", "企业", "总值",
];
/// The ends of words that name a group of people (全国各族人民, 广大
///人民群众): a description of who, not a formulation.
pub(crate) const PEOPLE_ENDS: &[&str] = &["人民", "群众", "同胞"];
/// The ends of words that name an institution.
pub(crate) const INSTITUTIONS: &[&str] = &[
    "银行",
    "集团",
    "公司",
    "大学",
    "学院",
    "协会",
    "小组",
    "委员会",
    "组织",
    "常委",
    "常委会",
];
/// Manner words that, with one short word, make a collocation (全面贯彻,
/// 大力推进); with more words, or one compound of four chars or more, they
/// may open a phrase (全面建成小康社会, 全面深化改革).
pub(crate) const MANNER: &[&str] = &[
    "全面",
    "大力",
    "加快",
    "基本",
    "切实",
    "进一步",
    "深入",
    "积极",
    "坚决",
    "认真",
    "扎实",
    "不断",
    "持续",
    "着力",
    "努力",
    "有效",
    "加强",
    "推进",
    "推动",
    "组织",
    "严格",
    "统筹",
    "更加",
    "继续",
];

fn one_of(w: &str, list: &[&str]) -> bool {
    list.contains(&w)
}

/// A function word of its own that may not start or end a phrase.
pub(crate) const F_EDGE: u16 = 1;
/// A single char that may not end a phrase.
pub(crate) const F_END: u16 = 2;
/// Opens with a char that may not open a phrase.
pub(crate) const F_FIRST: u16 = 4;
/// Ends with a localiser or plural.
pub(crate) const F_LAST: u16 = 8;
/// A particle that makes a clause of a phrase holding it.
pub(crate) const F_INNER: u16 = 16;
/// A person, a reporting verb or a body: may not end a phrase.
pub(crate) const F_HEAD: u16 = 32;
pub(crate) const F_MANNER: u16 = 64;
/// A function word: a phrase cannot go on through it, so as a neighbour it
/// counts as a boundary.
pub(crate) const F_FUNCTION: u16 = 128;
/// A person's title or role (主席, 书记): before a name it makes a title
/// line (国家主席习近平).
pub(crate) const F_TITLE: u16 = 256;
/// An organisation by jieba's tag (nt): it names a body, not a formulation.
pub(crate) const F_NAME: u16 = 512;
/// A proper noun by the dictionary (nz) with a real count: a named event
/// or thing (抗日战争) ends a name, not a formulation (中国人民抗日战争).
/// Placeholder counts (共同富裕 3) are jieba's additions of phrases.
pub(crate) const F_PROPER: u16 = 1024;
/// The word 为 (of the 以…为… frame).
pub(crate) const F_WEI: u16 = 2048;
/// The word 以.
pub(crate) const F_YI: u16 = 4096;

/// The word lists' verdicts on a Han word, computed once per word.
pub(crate) fn word_flags(w: &str, tag: [u8; 2]) -> u16 {
    let mut it = w.chars();
    let (Some(first), second) = (it.next(), it.next()) else {
        return 0;
    };
    let last = w.chars().last().unwrap_or(first);
    let single = second.is_none();
    let mut f = 0;
    if single && EDGE_STOP.contains(first) {
        f |= F_EDGE | F_FUNCTION;
    }
    if single && END_STOP.contains(first) {
        f |= F_END;
    }
    if FIRST_CHAR_STOP.contains(first) || one_of(w, MODALS) {
        f |= F_FIRST;
    }
    if LAST_CHAR_STOP.contains(last) {
        f |= F_LAST;
    }
    if one_of(w, INNER_STOP) {
        f |= F_INNER;
    }
    if one_of(w, PEOPLE) || one_of(w, SAYING) || one_of(w, BODIES) {
        f |= F_HEAD;
    }
    if INSTITUTIONS
        .iter()
        .chain(PEOPLE_ENDS)
        .any(|x| w.ends_with(x))
    {
        f |= F_HEAD;
    }
    if one_of(w, PEOPLE) {
        f |= F_TITLE;
    }
    if tag == *b"nt" {
        f |= F_NAME;
    }
    if tag == *b"nz" && super::jieba().suggest_freq(w) > super::score::PLACEHOLDER_FREQ + 1 {
        f |= F_PROPER;
    }
    if one_of(w, MANNER) {
        f |= F_MANNER;
    }
    if tag[0] == b'r' && one_of(w, PRONOUNS) {
        f |= F_EDGE;
    }
    if b"ucyep".contains(&tag[0]) {
        f |= F_FUNCTION;
    }
    if w == "为" {
        f |= F_WEI;
    }
    if w == "以" {
        f |= F_YI;
    }
    f
}
