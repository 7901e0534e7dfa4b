//! 来源地 (origin) normalisation: reads an origin as officers type it ("江苏苏州", "昆山", "深圳市南山区",
//! "德国慕尼黑", "USA") into a structured place and the economic region that reports group by.
//!
//! The tables are plain data below; one alias index is built from them on first use. Reading is a
//! greedy left-to-right longest match, because Chinese addresses run from large to small
//! ("江苏省苏州市昆山市") and taking the longest key at each position keeps "大兴安岭" from being
//! read as "大兴", "内蒙古" from being read as "蒙古", and "罗马尼亚" from being read as "罗马".

use std::collections::HashMap;
use std::sync::OnceLock;

const CHINA: &str = "中国";

/// The economic regions reports group origins by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EconomicRegion {
    /// 长三角: Shanghai and all of Jiangsu, Zhejiang and Anhui (the 2019 outline's 41 cities).
    YangtzeDelta,
    /// 京津冀: Beijing, Tianjin and all of Hebei.
    BeijingTianjinHebei,
    /// 粤港澳大湾区: the nine Pearl River Delta cities plus Hong Kong and Macau.
    GreaterBayArea,
    /// 成渝地区双城经济圈: Chongqing and the fifteen Sichuan cities of the 2021 outline.
    ChengduChongqing,
    /// 长江中游城市群, taken as all of Hubei, Hunan and Jiangxi.
    MiddleYangtze,
    /// 东北: Liaoning, Jilin and Heilongjiang.
    Northeast,
    /// Anywhere else in China, Taiwan included.
    OtherDomestic,
    /// 境外.
    Abroad,
}

impl EconomicRegion {
    pub const ALL: [EconomicRegion; 8] = [
        Self::YangtzeDelta,
        Self::BeijingTianjinHebei,
        Self::GreaterBayArea,
        Self::ChengduChongqing,
        Self::MiddleYangtze,
        Self::Northeast,
        Self::OtherDomestic,
        Self::Abroad,
    ];

    /// Stable code for storage; never change one once data has been written with it.
    pub fn code(self) -> &'static str {
        match self {
            Self::YangtzeDelta => "yrd",
            Self::BeijingTianjinHebei => "jjj",
            Self::GreaterBayArea => "gba",
            Self::ChengduChongqing => "chengyu",
            Self::MiddleYangtze => "mid_yangtze",
            Self::Northeast => "northeast",
            Self::OtherDomestic => "other_cn",
            Self::Abroad => "abroad",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            Self::YangtzeDelta => "长三角",
            Self::BeijingTianjinHebei => "京津冀",
            Self::GreaterBayArea => "粤港澳大湾区",
            Self::ChengduChongqing => "成渝地区",
            Self::MiddleYangtze => "长江中游",
            Self::Northeast => "东北地区",
            Self::OtherDomestic => "其他国内地区",
            Self::Abroad => "境外",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Self::YangtzeDelta => "Yangtze River Delta",
            Self::BeijingTianjinHebei => "Beijing-Tianjin-Hebei",
            Self::GreaterBayArea => "Greater Bay Area",
            Self::ChengduChongqing => "Chengdu-Chongqing",
            Self::MiddleYangtze => "Middle Yangtze",
            Self::Northeast => "Northeast China",
            Self::OtherDomestic => "Other mainland",
            Self::Abroad => "Abroad",
        }
    }
}

/// A recognised origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Canonical short name of the prefecture-level city ("苏州", "延边", "香港"); `None` when only a
    /// province or a country was given.
    pub city: Option<&'static str>,
    /// Short province name ("江苏", "上海", "香港"); `None` for foreign places.
    pub province: Option<&'static str>,
    /// "中国" for the mainland, Hong Kong, Macau and Taiwan; else the country's Chinese short name.
    pub country: &'static str,
    pub region: EconomicRegion,
}

impl Place {
    /// The most specific name: city, else province, else country.
    pub fn label(&self) -> String {
        self.city
            .or(self.province)
            .unwrap_or(self.country)
            .to_owned()
    }
}

/// Reads an origin as typed. `None` when nothing recognisable is in the text (then the app keeps
/// the raw text and counts it as unknown).
///
/// When the text names several places the first one wins and later ones only refine it: "江苏苏州"
/// is 苏州, "北京朝阳" is Beijing's 朝阳区 rather than the Liaoning city, "美国德州" stays 美国.
pub fn normalize_origin(input: &str) -> Option<Place> {
    let text = normalize(input);
    let index = index();
    let mut reading = Reading::default();
    let mut pos = 0;
    while let Some(first) = text[pos..].chars().next() {
        let rest = &text[pos..];
        let hit = index.by_first.get(&first).and_then(|bucket| {
            bucket.iter().find(|alias| {
                rest.starts_with(&*alias.key) && stands_alone(&text, pos, pos + alias.key.len())
            })
        });
        match hit {
            Some(alias) => {
                reading.take(alias);
                pos += alias.key.len();
            }
            None => pos += first.len_utf8(),
        }
    }
    reading.into_place()
}

/// Every city in the table with its province: the 333 prefecture-level divisions, the four
/// municipalities, Hong Kong, Macau, seven Taiwanese cities, and the county-level cities that report
/// directly to their province (仙桃, 济源, 石河子 …) since they have no prefecture to fall under.
pub fn all_cities() -> impl Iterator<Item = (&'static str, &'static str)> {
    PROVINCES.iter().flat_map(|p| {
        p.cities
            .iter()
            .chain(p.direct)
            .map(move |&city| (city, p.name))
    })
}

/// Every foreign country or territory in the table, by its canonical Chinese short name.
pub fn all_countries() -> impl Iterator<Item = &'static str> {
    COUNTRIES.iter().map(|&(name, _)| name)
}

// ---------------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------------

struct ProvinceDef {
    name: &'static str,
    /// Longer forms. Empty for the municipalities and SARs, whose city entry already owns "北京市".
    full: &'static [&'static str],
    cities: &'static [&'static str],
    /// 省直辖县级行政单位: county-level units with no prefecture above them.
    direct: &'static [&'static str],
}

const fn prov(
    name: &'static str,
    full: &'static [&'static str],
    cities: &'static [&'static str],
    direct: &'static [&'static str],
) -> ProvinceDef {
    ProvinceDef {
        name,
        full,
        cities,
        direct,
    }
}

/// Prefecture-level divisions as of 2024, by province. 莱芜 (merged into 济南 in 2019) and 巢湖
/// (split up in 2011) are gone and kept as aliases instead.
#[rustfmt::skip]
const PROVINCES: &[ProvinceDef] = &[
    prov("北京", &[], &["北京"], &[]),
    prov("天津", &[], &["天津"], &[]),
    prov(
        "河北",
        &["河北省"],
        &["石家庄", "唐山", "秦皇岛", "邯郸", "邢台", "保定", "张家口", "承德", "沧州", "廊坊", "衡水"],
        &[],
    ),
    prov(
        "山西",
        &["山西省"],
        &["太原", "大同", "阳泉", "长治", "晋城", "朔州", "晋中", "运城", "忻州", "临汾", "吕梁"],
        &[],
    ),
    prov(
        "内蒙古",
        &["内蒙古自治区", "内蒙"],
        // 兴安盟 keeps its 盟: bare "兴安" is also a county of 桂林.
        &[
            "呼和浩特", "包头", "乌海", "赤峰", "通辽", "鄂尔多斯", "呼伦贝尔", "巴彦淖尔", "乌兰察布",
            "兴安盟", "锡林郭勒", "阿拉善",
        ],
        &[],
    ),
    prov(
        "辽宁",
        &["辽宁省"],
        &[
            "沈阳", "大连", "鞍山", "抚顺", "本溪", "丹东", "锦州", "营口", "阜新", "辽阳", "盘锦", "铁岭",
            "朝阳", "葫芦岛",
        ],
        &[],
    ),
    prov(
        "吉林",
        &["吉林省"],
        &["长春", "吉林", "四平", "辽源", "通化", "白山", "松原", "白城", "延边"],
        &[],
    ),
    prov(
        "黑龙江",
        &["黑龙江省"],
        &[
            "哈尔滨", "齐齐哈尔", "鸡西", "鹤岗", "双鸭山", "大庆", "伊春", "佳木斯", "七台河", "牡丹江",
            "黑河", "绥化", "大兴安岭",
        ],
        &[],
    ),
    prov("上海", &[], &["上海"], &[]),
    prov(
        "江苏",
        &["江苏省"],
        &[
            "南京", "无锡", "徐州", "常州", "苏州", "南通", "连云港", "淮安", "盐城", "扬州", "镇江", "泰州",
            "宿迁",
        ],
        &[],
    ),
    prov(
        "浙江",
        &["浙江省"],
        &["杭州", "宁波", "温州", "嘉兴", "湖州", "绍兴", "金华", "衢州", "舟山", "台州", "丽水"],
        &[],
    ),
    prov(
        "安徽",
        &["安徽省"],
        &[
            "合肥", "芜湖", "蚌埠", "淮南", "马鞍山", "淮北", "铜陵", "安庆", "黄山", "滁州", "阜阳", "宿州",
            "六安", "亳州", "池州", "宣城",
        ],
        &[],
    ),
    prov(
        "福建",
        &["福建省"],
        &["福州", "厦门", "莆田", "三明", "泉州", "漳州", "南平", "龙岩", "宁德"],
        &[],
    ),
    prov(
        "江西",
        &["江西省"],
        &[
            "南昌", "景德镇", "萍乡", "九江", "新余", "鹰潭", "赣州", "吉安", "宜春", "抚州", "上饶",
        ],
        &[],
    ),
    prov(
        "山东",
        &["山东省"],
        &[
            "济南", "青岛", "淄博", "枣庄", "东营", "烟台", "潍坊", "济宁", "泰安", "威海", "日照", "临沂",
            "德州", "聊城", "滨州", "菏泽",
        ],
        &[],
    ),
    prov(
        "河南",
        &["河南省"],
        &[
            "郑州", "开封", "洛阳", "平顶山", "安阳", "鹤壁", "新乡", "焦作", "濮阳", "许昌", "漯河",
            "三门峡", "南阳", "商丘", "信阳", "周口", "驻马店",
        ],
        &["济源"],
    ),
    prov(
        "湖北",
        &["湖北省"],
        &[
            "武汉", "黄石", "十堰", "宜昌", "襄阳", "鄂州", "荆门", "孝感", "荆州", "黄冈", "咸宁", "随州",
            "恩施",
        ],
        &["仙桃", "潜江", "天门", "神农架"],
    ),
    prov(
        "湖南",
        &["湖南省"],
        &[
            "长沙", "株洲", "湘潭", "衡阳", "邵阳", "岳阳", "常德", "张家界", "益阳", "郴州", "永州", "怀化",
            "娄底", "湘西",
        ],
        &[],
    ),
    prov(
        "广东",
        &["广东省"],
        &[
            "广州", "韶关", "深圳", "珠海", "汕头", "佛山", "江门", "湛江", "茂名", "肇庆", "惠州", "梅州",
            "汕尾", "河源", "阳江", "清远", "东莞", "中山", "潮州", "揭阳", "云浮",
        ],
        &[],
    ),
    prov(
        "广西",
        &["广西壮族自治区", "广西自治区"],
        &[
            "南宁", "柳州", "桂林", "梧州", "北海", "防城港", "钦州", "贵港", "玉林", "百色", "贺州", "河池",
            "来宾", "崇左",
        ],
        &[],
    ),
    prov(
        "海南",
        &["海南省"],
        &["海口", "三亚", "三沙", "儋州"],
        &["五指山", "文昌", "琼海", "万宁", "东方"],
    ),
    prov("重庆", &[], &["重庆"], &[]),
    prov(
        "四川",
        &["四川省"],
        &[
            "成都", "自贡", "攀枝花", "泸州", "德阳", "绵阳", "广元", "遂宁", "内江", "乐山", "南充", "眉山",
            "宜宾", "广安", "达州", "雅安", "巴中", "资阳", "阿坝", "甘孜", "凉山",
        ],
        &[],
    ),
    prov(
        "贵州",
        &["贵州省"],
        &["贵阳", "六盘水", "遵义", "安顺", "毕节", "铜仁", "黔西南", "黔东南", "黔南"],
        &[],
    ),
    prov(
        "云南",
        &["云南省"],
        &[
            "昆明", "曲靖", "玉溪", "保山", "昭通", "丽江", "普洱", "临沧", "楚雄", "红河", "文山",
            "西双版纳", "大理", "德宏", "怒江", "迪庆",
        ],
        &[],
    ),
    prov(
        "西藏",
        &["西藏自治区"],
        &["拉萨", "日喀则", "昌都", "林芝", "山南", "那曲", "阿里"],
        &[],
    ),
    prov(
        "陕西",
        &["陕西省"],
        &["西安", "铜川", "宝鸡", "咸阳", "渭南", "延安", "汉中", "榆林", "安康", "商洛"],
        &[],
    ),
    prov(
        "甘肃",
        &["甘肃省"],
        &[
            "兰州", "嘉峪关", "金昌", "白银", "天水", "武威", "张掖", "平凉", "酒泉", "庆阳", "定西", "陇南",
            "临夏", "甘南",
        ],
        &[],
    ),
    prov(
        "青海",
        &["青海省"],
        // 海南藏族自治州 is "海南州": bare "海南" is the province.
        &["西宁", "海东", "海北", "黄南", "海南州", "果洛", "玉树", "海西"],
        &[],
    ),
    prov(
        "宁夏",
        &["宁夏回族自治区"],
        &["银川", "石嘴山", "吴忠", "固原", "中卫"],
        &[],
    ),
    prov(
        "新疆",
        &["新疆维吾尔自治区"],
        &[
            "乌鲁木齐", "克拉玛依", "吐鲁番", "哈密", "昌吉", "博尔塔拉", "巴音郭楞", "阿克苏", "克孜勒苏",
            "喀什", "和田", "伊犁", "塔城", "阿勒泰",
        ],
        // Corps (兵团) cities. 双河, 新星 and 白杨 are left out: those words turn up in too many
        // unrelated names to be read safely from free text.
        &[
            "石河子", "阿拉尔", "图木舒克", "五家渠", "北屯", "铁门关", "可克达拉", "昆玉", "胡杨河",
        ],
    ),
    prov("香港", &[], &["香港"], &[]),
    prov("澳门", &[], &["澳门"], &[]),
    prov(
        "台湾",
        &["台湾省", "台湾地区", "台灣", "臺灣", "taiwan"],
        &["台北", "新北", "桃园", "台中", "台南", "高雄", "新竹"],
        &[],
    ),
];

/// The nine mainland cities of the Greater Bay Area; the other twelve Guangdong cities are not in it.
#[rustfmt::skip]
const GBA_MAINLAND: &[&str] = &[
    "广州", "深圳", "珠海", "佛山", "惠州", "东莞", "中山", "江门", "肇庆",
];

/// The Sichuan cities of the 成渝地区双城经济圈 outline (2021). 攀枝花, 广元, 巴中 and the three
/// autonomous prefectures are outside it.
#[rustfmt::skip]
const CHENGYU_SICHUAN: &[&str] = &[
    "成都", "自贡", "泸州", "德阳", "绵阳", "遂宁", "内江", "乐山", "南充", "眉山", "宜宾", "广安", "达州",
    "雅安", "资阳",
];

/// Names that are too common as ordinary words to be read bare; only their full form is accepted
/// ("阿里地区", not the 阿里 of 阿里巴巴; "东方市", not 东方 in a company name).
const SUFFIX_REQUIRED: &[&str] = &["阿里", "东方"];

/// Official long names of the divisions that are not plain "X市" (which is added for every city).
#[rustfmt::skip]
const FULL_NAMES: &[(&str, &[&str])] = &[
    ("香港", &["香港特别行政区", "香港特区"]),
    ("澳门", &["澳门特别行政区", "澳门特区"]),
    ("锡林郭勒", &["锡林郭勒盟"]),
    ("阿拉善", &["阿拉善盟"]),
    ("大兴安岭", &["大兴安岭地区"]),
    ("延边", &["延边朝鲜族自治州", "延边州"]),
    ("恩施", &["恩施土家族苗族自治州", "恩施州"]),
    ("湘西", &["湘西土家族苗族自治州", "湘西州"]),
    ("阿坝", &["阿坝藏族羌族自治州", "阿坝州"]),
    ("甘孜", &["甘孜藏族自治州", "甘孜州"]),
    ("凉山", &["凉山彝族自治州", "凉山州"]),
    ("黔西南", &["黔西南布依族苗族自治州", "黔西南州"]),
    ("黔东南", &["黔东南苗族侗族自治州", "黔东南州"]),
    ("黔南", &["黔南布依族苗族自治州", "黔南州"]),
    ("楚雄", &["楚雄彝族自治州", "楚雄州"]),
    ("红河", &["红河哈尼族彝族自治州", "红河州"]),
    ("文山", &["文山壮族苗族自治州", "文山州"]),
    ("西双版纳", &["西双版纳傣族自治州", "西双版纳州", "版纳"]),
    ("大理", &["大理白族自治州", "大理州"]),
    ("德宏", &["德宏傣族景颇族自治州", "德宏州"]),
    ("怒江", &["怒江傈僳族自治州", "怒江州"]),
    ("迪庆", &["迪庆藏族自治州", "迪庆州"]),
    ("阿里", &["阿里地区"]),
    ("临夏", &["临夏回族自治州", "临夏州"]),
    ("甘南", &["甘南藏族自治州", "甘南州"]),
    ("海北", &["海北藏族自治州", "海北州"]),
    ("黄南", &["黄南藏族自治州", "黄南州"]),
    ("海南州", &["海南藏族自治州"]),
    ("果洛", &["果洛藏族自治州", "果洛州"]),
    ("玉树", &["玉树藏族自治州", "玉树州"]),
    ("海西", &["海西蒙古族藏族自治州", "海西州"]),
    ("昌吉", &["昌吉回族自治州", "昌吉州"]),
    ("博尔塔拉", &["博尔塔拉蒙古自治州", "博州"]),
    ("巴音郭楞", &["巴音郭楞蒙古自治州", "巴州"]),
    ("克孜勒苏", &["克孜勒苏柯尔克孜自治州", "克州"]),
    ("伊犁", &["伊犁哈萨克自治州", "伊犁州"]),
    ("阿克苏", &["阿克苏地区"]),
    ("喀什", &["喀什地区"]),
    ("和田", &["和田地区"]),
    ("塔城", &["塔城地区"]),
    ("阿勒泰", &["阿勒泰地区"]),
    ("神农架", &["神农架林区"]),
];

/// County-level cities, districts and zones officers write instead of the prefecture. Names shared
/// by several places are left out (普陀, 鼓楼, 白云, 西湖, 江北, bare 长宁 and 金山) unless one
/// reading dominates in investment work; the few kept on purpose are in [`AMBIGUOUS`].
#[rustfmt::skip]
const SUBDIVISIONS: &[(&str, &[&str])] = &[
    (
        "北京",
        &[
            "海淀", "中关村", "亦庄", "顺义", "昌平", "大兴", "丰台", "东城区", "西城区", "石景山", "房山",
            "门头沟", "怀柔", "密云", "延庆", "平谷",
        ],
    ),
    (
        "天津",
        &[
            "滨海新区", "武清", "宝坻", "静海", "蓟州", "西青", "津南", "北辰", "东丽", "塘沽", "泰达",
        ],
    ),
    ("石家庄", &["辛集", "正定", "晋州", "藁城"]),
    ("唐山", &["曹妃甸", "迁安", "遵化"]),
    ("保定", &["雄安", "雄安新区", "定州", "涿州", "白沟", "高碑店"]),
    ("廊坊", &["三河", "燕郊", "固安", "霸州"]),
    ("沧州", &["任丘", "黄骅"]),
    ("秦皇岛", &["北戴河"]),
    ("邯郸", &["武安"]),
    (
        "上海",
        &[
            "浦东", "闵行", "嘉定", "松江", "青浦", "奉贤", "金山区", "宝山", "崇明", "徐汇", "黄浦", "静安",
            "长宁区", "虹口", "杨浦", "临港新片区", "张江", "陆家嘴", "虹桥", "漕河泾",
        ],
    ),
    ("南京", &["江宁", "浦口", "六合", "溧水", "高淳", "江北新区", "雨花台", "秦淮"]),
    ("无锡", &["江阴", "宜兴", "锡山", "惠山", "梁溪", "新吴"]),
    ("常州", &["溧阳", "武进", "金坛", "新北区"]),
    (
        "苏州",
        &["昆山", "常熟", "张家港", "太仓", "吴江", "吴中", "相城", "姑苏", "苏州工业园区"],
    ),
    ("南通", &["海门", "启东", "如皋", "海安", "如东"]),
    ("扬州", &["仪征", "高邮", "江都"]),
    ("镇江", &["丹阳", "句容", "扬中"]),
    ("泰州", &["泰兴", "靖江", "兴化"]),
    ("盐城", &["东台", "大丰"]),
    ("徐州", &["邳州", "新沂"]),
    ("宿迁", &["沭阳"]),
    (
        "杭州",
        &[
            "萧山", "余杭", "临平", "临安", "富阳", "建德", "桐庐", "淳安", "滨江区", "钱塘", "拱墅",
        ],
    ),
    ("宁波", &["慈溪", "余姚", "北仑", "镇海", "鄞州", "奉化", "宁海", "象山"]),
    ("温州", &["瑞安", "乐清", "龙港", "永嘉"]),
    ("嘉兴", &["海宁", "桐乡", "平湖", "嘉善", "海盐"]),
    ("湖州", &["长兴", "德清", "安吉"]),
    ("绍兴", &["诸暨", "嵊州", "上虞", "柯桥", "新昌"]),
    ("金华", &["义乌", "东阳", "永康", "兰溪", "武义"]),
    ("台州", &["温岭", "临海", "玉环"]),
    ("丽水", &["龙泉", "青田"]),
    ("衢州", &["江山市"]),
    ("舟山", &["普陀山", "岱山"]),
    ("合肥", &["巢湖", "肥东", "肥西", "长丰", "庐江", "滨湖新区"]),
    ("芜湖", &["无为"]),
    ("安庆", &["桐城"]),
    ("滁州", &["天长", "明光"]),
    ("阜阳", &["界首"]),
    ("福州", &["福清", "长乐", "平潭", "闽侯"]),
    ("厦门", &["海沧", "湖里", "思明", "集美", "同安", "翔安"]),
    ("泉州", &["晋江", "石狮", "南安", "安溪", "惠安"]),
    ("漳州", &["龙海"]),
    ("南平", &["武夷山"]),
    ("宁德", &["福鼎", "福安"]),
    ("三明", &["永安"]),
    ("龙岩", &["漳平"]),
    ("南昌", &["赣江新区"]),
    ("九江", &["共青城", "庐山市"]),
    ("赣州", &["瑞金"]),
    ("吉安", &["井冈山"]),
    ("宜春", &["丰城", "樟树", "高安"]),
    ("鹰潭", &["贵溪"]),
    ("上饶", &["德兴", "婺源"]),
    ("景德镇", &["乐平"]),
    ("济南", &["章丘", "莱芜"]),
    ("青岛", &["即墨", "胶州", "黄岛", "平度", "莱西", "西海岸新区"]),
    ("烟台", &["龙口", "莱州", "蓬莱", "招远", "莱阳"]),
    ("潍坊", &["寿光", "青州", "诸城", "高密"]),
    ("济宁", &["邹城", "曲阜"]),
    ("威海", &["荣成", "文登"]),
    ("枣庄", &["滕州"]),
    ("泰安", &["新泰", "肥城"]),
    ("滨州", &["邹平"]),
    ("郑州", &["巩义", "新郑", "荥阳", "登封", "新密", "航空港"]),
    ("洛阳", &["偃师"]),
    ("许昌", &["禹州", "长葛"]),
    ("商丘", &["永城"]),
    ("武汉", &["汉口", "武昌", "汉阳", "光谷"]),
    ("宜昌", &["宜都", "枝江", "当阳"]),
    ("黄石", &["大冶"]),
    ("襄阳", &["枣阳", "宜城", "老河口"]),
    ("十堰", &["丹江口"]),
    ("孝感", &["汉川", "应城", "安陆"]),
    ("黄冈", &["麻城", "武穴"]),
    ("咸宁", &["赤壁"]),
    ("随州", &["广水"]),
    ("荆门", &["钟祥"]),
    ("恩施", &["利川"]),
    ("长沙", &["浏阳", "宁乡", "湘江新区"]),
    ("株洲", &["醴陵"]),
    ("湘潭", &["湘乡", "韶山"]),
    ("衡阳", &["耒阳"]),
    ("岳阳", &["汨罗"]),
    ("郴州", &["资兴"]),
    ("娄底", &["冷水江", "涟源"]),
    ("湘西", &["吉首"]),
    (
        "广州",
        &["番禺", "天河", "黄埔", "南沙", "花都", "增城", "从化", "越秀", "海珠", "荔湾"],
    ),
    (
        "深圳",
        &["南山", "福田", "宝安", "龙岗", "前海", "罗湖", "龙华", "光明区", "坪山", "盐田"],
    ),
    ("珠海", &["横琴", "香洲", "斗门", "金湾"]),
    ("佛山", &["顺德", "南海", "禅城", "三水", "高明"]),
    ("东莞", &["松山湖", "虎门"]),
    ("江门", &["台山", "开平", "鹤山", "恩平"]),
    ("惠州", &["惠阳", "博罗", "惠东", "大亚湾"]),
    ("肇庆", &["四会", "高要"]),
    ("汕头", &["澄海", "潮阳", "潮南"]),
    ("湛江", &["雷州", "廉江", "吴川"]),
    ("茂名", &["化州", "信宜", "高州"]),
    ("清远", &["英德", "连州"]),
    ("揭阳", &["普宁"]),
    ("梅州", &["兴宁"]),
    ("崇左", &["凭祥"]),
    ("防城港", &["东兴"]),
    ("儋州", &["洋浦"]),
    ("琼海", &["博鳌"]),
    (
        "重庆",
        &[
            "两江新区", "渝北", "渝中", "九龙坡", "沙坪坝", "万州", "涪陵", "永川", "璧山", "合川", "江津",
            "綦江",
        ],
    ),
    (
        "成都",
        &[
            "天府新区", "双流", "郫都", "温江", "龙泉驿", "新都", "青白江", "简阳", "都江堰", "彭州", "邛崃",
            "崇州",
        ],
    ),
    ("德阳", &["绵竹", "什邡", "广汉"]),
    ("绵阳", &["江油"]),
    ("乐山", &["峨眉山"]),
    ("南充", &["阆中"]),
    ("凉山", &["西昌"]),
    ("甘孜", &["康定"]),
    ("阿坝", &["马尔康", "九寨沟"]),
    ("贵阳", &["贵安新区"]),
    ("遵义", &["仁怀", "茅台"]),
    ("黔东南", &["凯里"]),
    ("黔南", &["都匀"]),
    ("黔西南", &["兴义"]),
    ("昆明", &["安宁"]),
    ("西双版纳", &["景洪"]),
    ("德宏", &["瑞丽", "芒市"]),
    ("红河", &["个旧", "蒙自"]),
    ("迪庆", &["香格里拉"]),
    ("沈阳", &["浑南", "沈北新区"]),
    ("大连", &["瓦房店", "庄河", "普兰店", "金州", "旅顺"]),
    ("鞍山", &["海城"]),
    ("长春", &["公主岭"]),
    ("通化", &["梅河口"]),
    ("延边", &["延吉", "珲春"]),
    ("牡丹江", &["绥芬河"]),
    ("佳木斯", &["抚远"]),
    ("西安", &["西咸新区", "终南山"]),
    ("咸阳", &["杨凌"]),
    ("榆林", &["神木"]),
    ("渭南", &["韩城"]),
    ("晋中", &["介休"]),
    ("吕梁", &["孝义"]),
    ("呼伦贝尔", &["满洲里"]),
    ("锡林郭勒", &["二连浩特", "锡林浩特"]),
    ("通辽", &["霍林郭勒"]),
    ("兴安盟", &["乌兰浩特"]),
    // Without these "巴林左旗" would be read as the country 巴林.
    ("赤峰", &["巴林左旗", "巴林右旗"]),
    ("伊犁", &["霍尔果斯", "奎屯", "伊宁"]),
    ("巴音郭楞", &["库尔勒"]),
    ("博尔塔拉", &["阿拉山口", "博乐"]),
    ("克孜勒苏", &["阿图什"]),
    ("酒泉", &["敦煌", "玉门"]),
    ("海西", &["格尔木", "德令哈"]),
    ("银川", &["灵武"]),
];

/// Former, traditional-character and romanised names.
#[rustfmt::skip]
const OTHER_NAMES: &[(&str, &[&str])] = &[
    ("襄阳", &["襄樊"]),
    ("普洱", &["思茅"]),
    ("黄山", &["徽州"]),
    ("香港", &["hong kong", "hk"]),
    ("澳门", &["澳門", "macau", "macao"]),
    ("台北", &["臺北", "taipei"]),
    ("新北", &["new taipei"]),
    ("台中", &["臺中", "taichung"]),
    ("台南", &["臺南", "tainan"]),
    ("桃园", &["桃園"]),
    ("高雄", &["kaohsiung"]),
    ("新竹", &["hsinchu"]),
    ("北京", &["beijing", "peking"]),
    ("上海", &["shanghai"]),
    ("天津", &["tianjin"]),
    ("重庆", &["chongqing"]),
    ("广州", &["guangzhou"]),
    ("深圳", &["shenzhen"]),
    ("东莞", &["dongguan"]),
    ("佛山", &["foshan"]),
    ("珠海", &["zhuhai"]),
    ("杭州", &["hangzhou"]),
    ("宁波", &["ningbo"]),
    ("南京", &["nanjing"]),
    // "Suzhou" is also 宿州's romanisation; investors mean 苏州 far more often.
    ("苏州", &["suzhou", "kunshan"]),
    ("无锡", &["wuxi"]),
    ("合肥", &["hefei"]),
    ("武汉", &["wuhan"]),
    ("长沙", &["changsha"]),
    ("南昌", &["nanchang"]),
    ("成都", &["chengdu"]),
    ("西安", &["xi'an", "xian"]),
    ("郑州", &["zhengzhou"]),
    ("济南", &["jinan"]),
    ("青岛", &["qingdao"]),
    ("厦门", &["xiamen"]),
    ("福州", &["fuzhou"]),
    ("大连", &["dalian"]),
    ("沈阳", &["shenyang"]),
    ("长春", &["changchun"]),
    ("哈尔滨", &["harbin"]),
    ("昆明", &["kunming"]),
];

/// A reading of an ambiguous key, by name.
enum Pick {
    City(&'static str),
    Province(&'static str),
}

/// Keys with more than one reading, in order of preference. The first reading that fits what the
/// text has already said is taken: "海南" alone is the province, after "青海" it is 海南州.
const AMBIGUOUS: &[(&str, &[Pick])] = &[
    ("海南", &[Pick::Province("海南"), Pick::City("海南州")]),
    // The Liaoning city is the prefecture; Beijing's 朝阳区 is only a district.
    ("朝阳", &[Pick::City("朝阳"), Pick::City("北京")]),
    ("朝阳区", &[Pick::City("北京"), Pick::City("长春")]),
    // Beijing's sub-centre is the usual meaning; 南通's 通州区 after "南通"/"江苏".
    ("通州", &[Pick::City("北京"), Pick::City("南通")]),
    ("通州区", &[Pick::City("北京"), Pick::City("南通")]),
    // 新北市 in Taiwan, or 常州's 新北区 (a national high-tech zone) after "常州"/"江苏".
    ("新北", &[Pick::City("新北"), Pick::City("常州")]),
];

const CHINA_ALIASES: &[&str] = &[
    "中国",
    "中华人民共和国",
    "中国大陆",
    "china",
    "prc",
    "p.r.c.",
    "mainland china",
    "people's republic of china",
];

/// Foreign countries and territories: canonical Chinese short name, then aliases (Chinese,
/// English, common codes). Codes that are also English words ("in", "no", "be") are left out.
#[rustfmt::skip]
const COUNTRIES: &[(&str, &[&str])] = &[
    // G20
    (
        "美国",
        &[
            "美利坚", "美利坚合众国", "usa", "us", "u.s.", "u.s.a.", "united states",
            "united states of america", "america",
        ],
    ),
    (
        "英国",
        &[
            "英伦", "大不列颠", "英格兰", "苏格兰", "威尔士", "uk", "u.k.", "united kingdom", "britain",
            "great britain", "england", "scotland",
        ],
    ),
    ("德国", &["德意志", "germany", "deutschland"]),
    ("法国", &["法兰西", "france"]),
    ("意大利", &["义大利", "italy"]),
    ("日本", &["日本国", "japan"]),
    ("韩国", &["南韩", "大韩民国", "korea", "south korea", "republic of korea", "rok"]),
    ("加拿大", &["canada"]),
    ("澳大利亚", &["澳洲", "australia"]),
    ("俄罗斯", &["俄国", "俄罗斯联邦", "russia", "russian federation"]),
    ("巴西", &["brazil", "brasil"]),
    ("阿根廷", &["argentina"]),
    ("墨西哥", &["mexico"]),
    ("印度", &["india"]),
    ("印尼", &["印度尼西亚", "indonesia"]),
    ("沙特", &["沙特阿拉伯", "saudi arabia", "saudi", "ksa"]),
    ("南非", &["south africa"]),
    ("土耳其", &["turkey", "türkiye", "turkiye"]),
    // The rest of the EU
    ("奥地利", &["austria"]),
    ("比利时", &["belgium"]),
    ("保加利亚", &["bulgaria"]),
    ("克罗地亚", &["croatia"]),
    ("塞浦路斯", &["cyprus"]),
    ("捷克", &["捷克共和国", "czech", "czechia", "czech republic"]),
    ("丹麦", &["denmark"]),
    ("爱沙尼亚", &["estonia"]),
    ("芬兰", &["finland"]),
    ("希腊", &["greece"]),
    ("匈牙利", &["hungary"]),
    ("爱尔兰", &["ireland"]),
    ("拉脱维亚", &["latvia"]),
    ("立陶宛", &["lithuania"]),
    ("卢森堡", &["luxembourg"]),
    ("马耳他", &["malta"]),
    ("荷兰", &["尼德兰", "netherlands", "holland"]),
    ("波兰", &["poland"]),
    ("葡萄牙", &["portugal"]),
    ("罗马尼亚", &["romania"]),
    ("斯洛伐克", &["slovakia"]),
    ("斯洛文尼亚", &["slovenia"]),
    ("西班牙", &["spain"]),
    ("瑞典", &["sweden"]),
    // Rest of Europe
    ("瑞士", &["switzerland", "swiss"]),
    ("挪威", &["norway"]),
    ("冰岛", &["iceland"]),
    ("列支敦士登", &["liechtenstein"]),
    ("摩纳哥", &["monaco"]),
    ("乌克兰", &["ukraine"]),
    ("白俄罗斯", &["belarus"]),
    ("塞尔维亚", &["serbia"]),
    // Asia and the Middle East
    ("新加坡", &["狮城", "singapore", "sg"]),
    ("马来西亚", &["malaysia"]),
    ("泰国", &["thailand"]),
    ("越南", &["vietnam", "viet nam"]),
    ("菲律宾", &["philippines"]),
    ("柬埔寨", &["cambodia"]),
    ("老挝", &["laos"]),
    ("缅甸", &["myanmar", "burma"]),
    ("文莱", &["brunei"]),
    ("巴基斯坦", &["pakistan"]),
    ("孟加拉国", &["孟加拉", "bangladesh"]),
    ("斯里兰卡", &["sri lanka"]),
    ("哈萨克斯坦", &["kazakhstan"]),
    ("乌兹别克斯坦", &["uzbekistan"]),
    // "蒙古国", not "蒙古", so a report never shows a bare 蒙古 next to 内蒙古.
    ("蒙古国", &["蒙古", "mongolia"]),
    ("以色列", &["israel"]),
    ("阿联酋", &["阿拉伯联合酋长国", "united arab emirates", "uae", "emirates"]),
    ("卡塔尔", &["qatar"]),
    ("科威特", &["kuwait"]),
    ("阿曼", &["oman"]),
    ("巴林", &["bahrain"]),
    ("约旦", &["jordan"]),
    ("伊朗", &["iran"]),
    // Oceania, Africa, the Americas
    ("新西兰", &["纽西兰", "new zealand", "nz"]),
    ("萨摩亚", &["samoa"]),
    ("埃及", &["egypt"]),
    ("尼日利亚", &["nigeria"]),
    ("肯尼亚", &["kenya"]),
    ("埃塞俄比亚", &["ethiopia"]),
    ("摩洛哥", &["morocco"]),
    ("毛里求斯", &["mauritius"]),
    ("塞舌尔", &["seychelles"]),
    ("智利", &["chile"]),
    ("秘鲁", &["peru"]),
    ("哥伦比亚", &["colombia"]),
    // Offshore jurisdictions: much foreign capital is booked through these, so they are origins
    // in their own right.
    ("开曼群岛", &["开曼", "cayman islands", "cayman"]),
    ("英属维尔京群岛", &["维尔京群岛", "bvi", "british virgin islands"]),
    ("百慕大", &["bermuda"]),
];

/// Well-known foreign cities, read as their country ("德国慕尼黑" and "慕尼黑" both give 德国).
#[rustfmt::skip]
const FOREIGN_CITIES: &[(&str, &[&str])] = &[
    (
        "德国",
        &[
            "慕尼黑", "柏林", "法兰克福", "汉堡", "斯图加特", "杜塞尔多夫", "科隆", "沃尔夫斯堡", "munich",
            "münchen", "berlin", "frankfurt", "hamburg", "stuttgart", "düsseldorf", "dusseldorf",
            "cologne",
        ],
    ),
    (
        "日本",
        &[
            "东京", "大阪", "名古屋", "横滨", "京都", "福冈", "北海道", "tokyo", "osaka", "nagoya",
            "yokohama", "kyoto",
        ],
    ),
    ("韩国", &["首尔", "汉城", "釜山", "仁川", "seoul", "busan", "incheon"]),
    (
        "美国",
        &[
            "纽约", "洛杉矶", "旧金山", "硅谷", "芝加哥", "波士顿", "西雅图", "休斯顿", "底特律", "华盛顿",
            "new york", "nyc", "los angeles", "san francisco", "silicon valley", "chicago",
            "boston", "seattle", "houston", "detroit",
        ],
    ),
    ("英国", &["伦敦", "曼彻斯特", "剑桥", "牛津", "london", "manchester"]),
    ("法国", &["巴黎", "里昂", "paris", "lyon"]),
    ("意大利", &["米兰", "罗马", "都灵", "milan", "milano", "rome", "turin"]),
    ("荷兰", &["阿姆斯特丹", "鹿特丹", "埃因霍温", "amsterdam", "rotterdam", "eindhoven"]),
    ("瑞士", &["苏黎世", "日内瓦", "巴塞尔", "zurich", "zürich", "geneva", "basel"]),
    ("瑞典", &["斯德哥尔摩", "stockholm"]),
    ("丹麦", &["哥本哈根", "copenhagen"]),
    ("芬兰", &["赫尔辛基", "helsinki"]),
    ("挪威", &["奥斯陆", "oslo"]),
    ("比利时", &["布鲁塞尔", "brussels"]),
    ("奥地利", &["维也纳", "vienna"]),
    ("西班牙", &["马德里", "巴塞罗那", "madrid", "barcelona"]),
    ("爱尔兰", &["都柏林", "dublin"]),
    ("波兰", &["华沙", "warsaw"]),
    ("捷克", &["布拉格", "prague"]),
    ("匈牙利", &["布达佩斯", "budapest"]),
    ("葡萄牙", &["里斯本", "lisbon"]),
    ("俄罗斯", &["莫斯科", "圣彼得堡", "moscow"]),
    ("土耳其", &["伊斯坦布尔", "istanbul"]),
    ("以色列", &["特拉维夫", "tel aviv"]),
    ("阿联酋", &["迪拜", "阿布扎比", "dubai", "abu dhabi"]),
    ("沙特", &["利雅得", "riyadh"]),
    ("马来西亚", &["吉隆坡", "槟城", "kuala lumpur", "penang"]),
    ("泰国", &["曼谷", "bangkok"]),
    ("越南", &["胡志明市", "胡志明", "河内", "ho chi minh", "hanoi"]),
    ("印尼", &["雅加达", "jakarta"]),
    ("菲律宾", &["马尼拉", "manila"]),
    (
        "印度",
        &["孟买", "新德里", "班加罗尔", "mumbai", "new delhi", "bangalore", "bengaluru"],
    ),
    ("澳大利亚", &["悉尼", "墨尔本", "布里斯班", "sydney", "melbourne"]),
    // The Chinese 奥克兰 almost always means Auckland, not Oakland.
    ("新西兰", &["奥克兰", "auckland"]),
    ("加拿大", &["多伦多", "温哥华", "蒙特利尔", "toronto", "vancouver", "montreal"]),
    ("巴西", &["圣保罗"]),
    ("墨西哥", &["墨西哥城"]),
    ("南非", &["约翰内斯堡", "johannesburg"]),
    ("埃及", &["开罗", "cairo"]),
];

fn province_region(province: &str) -> EconomicRegion {
    match province {
        "上海" | "江苏" | "浙江" | "安徽" => EconomicRegion::YangtzeDelta,
        "北京" | "天津" | "河北" => EconomicRegion::BeijingTianjinHebei,
        "重庆" => EconomicRegion::ChengduChongqing,
        "湖北" | "湖南" | "江西" => EconomicRegion::MiddleYangtze,
        // 内蒙古's eastern five (呼伦贝尔, 通辽, 赤峰, 兴安盟, 锡林郭勒) share the 东北振兴 policy, but
        // the statistics bureau's 东北 is the three provinces and reports compare with its figures.
        "辽宁" | "吉林" | "黑龙江" => EconomicRegion::Northeast,
        "香港" | "澳门" => EconomicRegion::GreaterBayArea,
        // 广东 and 四川 are split between a region and the rest, so a bare province cannot be
        // placed in the region; counting it there would inflate the region with unknown cities.
        _ => EconomicRegion::OtherDomestic,
    }
}

fn city_region(city: &str, province: &str) -> EconomicRegion {
    match province {
        "广东" if GBA_MAINLAND.contains(&city) => EconomicRegion::GreaterBayArea,
        "四川" if CHENGYU_SICHUAN.contains(&city) => EconomicRegion::ChengduChongqing,
        _ => province_region(province),
    }
}

// ---------------------------------------------------------------------------------------------
// Index
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    City {
        city: &'static str,
        province: &'static str,
        region: EconomicRegion,
    },
    Province(&'static str),
    Country(&'static str),
}

struct Alias {
    /// Normalised as input is, so keys and text compare byte for byte.
    key: Box<str>,
    /// Readings in order of preference; one except for [`AMBIGUOUS`] keys.
    targets: Box<[Target]>,
}

struct Index {
    /// Keys by first character, longest first, so the first hit at a position is the longest.
    by_first: HashMap<char, Vec<Alias>>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| build().0)
}

#[derive(Default)]
struct Builder {
    cities: HashMap<&'static str, Target>,
    /// Key → readings, and whether they came from [`AMBIGUOUS`].
    keys: HashMap<String, (Vec<Target>, bool)>,
    problems: Vec<String>,
}

impl Builder {
    fn city(&mut self, name: &str) -> Option<Target> {
        let found = self.cities.get(name).copied();
        if found.is_none() {
            self.problems.push(format!("unknown city {name}"));
        }
        found
    }

    fn add(&mut self, raw: &str, target: Target) {
        let key = normalize(raw);
        if key.chars().count() < 2 {
            self.problems.push(format!("key too short: {raw:?}"));
            return;
        }
        // People type "NewZealand" and "HongKong" as often as the spaced forms.
        let compact: String = key.chars().filter(|&c| c != ' ').collect();
        if compact != key {
            self.add_key(compact, target);
        }
        self.add_key(key, target);
    }

    fn add_key(&mut self, key: String, target: Target) {
        match self.keys.get(&key) {
            None => {
                self.keys.insert(key, (vec![target], false));
            }
            Some((targets, explicit)) => {
                if !targets.contains(&target) {
                    let what = if *explicit {
                        "reading missing from AMBIGUOUS"
                    } else {
                        "conflicting reading"
                    };
                    self.problems.push(format!("{key}: {what} {target:?}"));
                }
            }
        }
    }
}

/// Builds the alias index; the second value lists table mistakes (duplicates, conflicts, unknown
/// names) for the tests, since at run time the first reading simply wins.
fn build() -> (Index, Vec<String>) {
    let mut b = Builder::default();
    for p in PROVINCES {
        for &city in p.cities.iter().chain(p.direct) {
            let target = Target::City {
                city,
                province: p.name,
                region: city_region(city, p.name),
            };
            if b.cities.insert(city, target).is_some() {
                b.problems.push(format!("duplicate city {city}"));
            }
        }
    }
    for &(key, picks) in AMBIGUOUS {
        let mut targets = Vec::new();
        for pick in picks {
            match *pick {
                Pick::City(name) => targets.extend(b.city(name)),
                Pick::Province(name) if PROVINCES.iter().any(|p| p.name == name) => {
                    targets.push(Target::Province(name));
                }
                Pick::Province(name) => b.problems.push(format!("unknown province {name}")),
            }
        }
        b.keys.insert(normalize(key), (targets, true));
    }
    for p in PROVINCES {
        for &city in p.cities.iter().chain(p.direct) {
            let target = b.cities[city];
            if !SUFFIX_REQUIRED.contains(&city) {
                b.add(city, target);
            }
            b.add(&format!("{city}市"), target);
        }
    }
    for &(city, names) in FULL_NAMES.iter().chain(SUBDIVISIONS).chain(OTHER_NAMES) {
        if let Some(target) = b.city(city) {
            for name in names {
                b.add(name, target);
            }
        }
    }
    for p in PROVINCES {
        let target = Target::Province(p.name);
        // Where a city bears the province's name (the municipalities, the SARs, 吉林) the bare
        // name is the city; a province-only reading needs the full form ("吉林省").
        if !b.cities.contains_key(p.name) {
            b.add(p.name, target);
        }
        for name in p.full {
            b.add(name, target);
        }
    }
    for name in CHINA_ALIASES {
        b.add(name, Target::Country(CHINA));
    }
    for &(country, aliases) in COUNTRIES {
        let target = Target::Country(country);
        b.add(country, target);
        for alias in aliases {
            b.add(alias, target);
        }
    }
    for &(country, cities) in FOREIGN_CITIES {
        if !COUNTRIES.iter().any(|&(name, _)| name == country) {
            b.problems.push(format!("unknown country {country}"));
        }
        for city in cities {
            b.add(city, Target::Country(country));
        }
    }

    let mut by_first: HashMap<char, Vec<Alias>> = HashMap::new();
    for (key, (targets, _)) in b.keys {
        if let Some(first) = key.chars().next() {
            by_first.entry(first).or_default().push(Alias {
                key: key.into_boxed_str(),
                targets: targets.into_boxed_slice(),
            });
        }
    }
    for bucket in by_first.values_mut() {
        bucket.sort_by(|x, y| {
            let (nx, ny) = (x.key.chars().count(), y.key.chars().count());
            ny.cmp(&nx).then_with(|| x.key.cmp(&y.key))
        });
    }
    (Index { by_first }, b.problems)
}

/// Folds full-width ASCII, lower-cases Latin letters and drops spaces, except one between two
/// Latin words ("new zealand"): around Chinese a space is only noise ("江苏 苏州").
fn normalize(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut gap = false;
    for ch in input.chars().map(fold_width) {
        if ch.is_whitespace() {
            gap = true;
            continue;
        }
        if gap && ch.is_ascii() && out.chars().next_back().is_some_and(|prev| prev.is_ascii()) {
            out.push(' ');
        }
        gap = false;
        out.push(ch.to_ascii_lowercase());
    }
    out
}

fn fold_width(ch: char) -> char {
    match ch {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(ch as u32 - 0xFEE0).unwrap_or(ch),
        _ => ch,
    }
}

/// Latin keys must be whole words, or "us" would be found in "Russia" and "uk" in "Ukraine".
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric();
    let key = &text[start..end];
    let open = !key.starts_with(word) || !text[..start].ends_with(word);
    let close = !key.ends_with(word) || !text[end..].starts_with(word);
    open && close
}

/// What the text has said so far, filled in left to right.
#[derive(Default)]
struct Reading {
    city: Option<(&'static str, EconomicRegion)>,
    /// The city came from a bare name shared with its province ("吉林", "北京"), so a later city
    /// of that province is the real one ("吉林长春" is 长春).
    city_tentative: bool,
    province: Option<&'static str>,
    country: Option<&'static str>,
}

impl Reading {
    fn fits(&self, target: Target) -> bool {
        match target {
            Target::City { province, .. } | Target::Province(province) => {
                self.country.is_none_or(|c| c == CHINA)
                    && self.province.is_none_or(|p| p == province)
            }
            Target::Country(country) => self.country.is_none_or(|c| c == country),
        }
    }

    fn take(&mut self, alias: &Alias) {
        let Some(target) = alias.targets.iter().copied().find(|&t| self.fits(t)) else {
            return;
        };
        match target {
            Target::City {
                city,
                province,
                region,
            } => {
                if self.city.is_none() || self.city_tentative {
                    self.city = Some((city, region));
                    self.city_tentative = &*alias.key == province;
                }
                self.province = Some(province);
                self.country = Some(CHINA);
            }
            Target::Province(province) => {
                self.province = Some(province);
                self.country = Some(CHINA);
            }
            Target::Country(country) => {
                self.country.get_or_insert(country);
            }
        }
    }

    fn into_place(self) -> Option<Place> {
        if let Some((city, region)) = self.city {
            return Some(Place {
                city: Some(city),
                province: self.province,
                country: CHINA,
                region,
            });
        }
        if let Some(province) = self.province {
            return Some(Place {
                city: None,
                province: Some(province),
                country: CHINA,
                region: province_region(province),
            });
        }
        self.country.map(|country| Place {
            city: None,
            province: None,
            country,
            region: if country == CHINA {
                EconomicRegion::OtherDomestic
            } else {
                EconomicRegion::Abroad
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EconomicRegion::*;

    fn read(input: &str) -> Place {
        normalize_origin(input).unwrap_or_else(|| panic!("{input:?} not recognised"))
    }

    fn assert_city(input: &str, city: &str, province: &str, region: EconomicRegion) {
        let place = read(input);
        assert_eq!(place.city, Some(city), "{input:?}");
        assert_eq!(place.province, Some(province), "{input:?}");
        assert_eq!(place.country, "中国", "{input:?}");
        assert_eq!(place.region, region, "{input:?}");
    }

    fn assert_province(input: &str, province: &str, region: EconomicRegion) {
        let place = read(input);
        assert_eq!(place.city, None, "{input:?}");
        assert_eq!(place.province, Some(province), "{input:?}");
        assert_eq!(place.country, "中国", "{input:?}");
        assert_eq!(place.region, region, "{input:?}");
    }

    fn assert_country(input: &str, country: &str) {
        let place = read(input);
        assert_eq!(place.city, None, "{input:?}");
        assert_eq!(place.province, None, "{input:?}");
        assert_eq!(place.country, country, "{input:?}");
        assert_eq!(place.region, Abroad, "{input:?}");
    }

    #[test]
    fn the_table_has_no_conflicts() {
        let (_, problems) = build();
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn suzhou_in_all_its_forms() {
        for input in [
            "苏州",
            "苏州市",
            "江苏苏州",
            "江苏省苏州市",
            "昆山",
            "昆山市",
            "苏州工业园区",
            "江苏 苏州",
            "  苏州市吴江区 ",
            "Suzhou",
        ] {
            assert_city(input, "苏州", "江苏", YangtzeDelta);
        }
    }

    #[test]
    fn greater_bay_area() {
        assert_city("深圳市南山区", "深圳", "广东", GreaterBayArea);
        assert_city("南山", "深圳", "广东", GreaterBayArea);
        assert_city("终南山", "西安", "陕西", OtherDomestic);
        assert_city("顺德", "佛山", "广东", GreaterBayArea);
        assert_city("香港", "香港", "香港", GreaterBayArea);
        assert_city("Hong Kong", "香港", "香港", GreaterBayArea);
        assert_city("HK", "香港", "香港", GreaterBayArea);
        assert_city("中国香港", "香港", "香港", GreaterBayArea);
        assert_city("澳门", "澳门", "澳门", GreaterBayArea);
        assert_city("澳门特别行政区", "澳门", "澳门", GreaterBayArea);
        assert_city("汕头", "汕头", "广东", OtherDomestic);
        assert_eq!(read("香港").label(), "香港");
    }

    #[test]
    fn the_other_regions() {
        assert_city("成都", "成都", "四川", ChengduChongqing);
        assert_city("天府新区", "成都", "四川", ChengduChongqing);
        assert_city("重庆", "重庆", "重庆", ChengduChongqing);
        assert_city("重庆两江新区", "重庆", "重庆", ChengduChongqing);
        assert_city("攀枝花", "攀枝花", "四川", OtherDomestic);
        assert_city("武汉", "武汉", "湖北", MiddleYangtze);
        assert_city("仙桃", "仙桃", "湖北", MiddleYangtze);
        assert_city("沈阳", "沈阳", "辽宁", Northeast);
        assert_city("雄安", "保定", "河北", BeijingTianjinHebei);
        assert_city("雄安新区", "保定", "河北", BeijingTianjinHebei);
        assert_city("滨海新区", "天津", "天津", BeijingTianjinHebei);
        assert_city("上海浦东新区", "上海", "上海", YangtzeDelta);
        assert_city("义乌", "金华", "浙江", YangtzeDelta);
        assert_city("晋江", "泉州", "福建", OtherDomestic);
        assert_city("呼伦贝尔", "呼伦贝尔", "内蒙古", OtherDomestic);
        assert_city("台北", "台北", "台湾", OtherDomestic);
        assert_province("台湾", "台湾", OtherDomestic);
    }

    #[test]
    fn province_only() {
        assert_province("江苏省", "江苏", YangtzeDelta);
        assert_province("江苏", "江苏", YangtzeDelta);
        assert_province("湖北", "湖北", MiddleYangtze);
        assert_province("广东", "广东", OtherDomestic);
        assert_province("广东省", "广东", OtherDomestic);
        assert_province("四川", "四川", OtherDomestic);
        assert_province("内蒙古自治区", "内蒙古", OtherDomestic);
        assert_province("广西壮族自治区", "广西", OtherDomestic);
        assert_eq!(read("江苏省").label(), "江苏");
    }

    #[test]
    fn foreign() {
        for input in [
            "德国",
            "德国慕尼黑",
            "慕尼黑",
            "Germany",
            "germany",
            "GERMANY",
            "München",
        ] {
            assert_country(input, "德国");
        }
        for input in [
            "USA",
            "美国",
            "U.S.",
            "us",
            "United States",
            "美利坚",
            "美国德州",
            "ＵＳＡ",
        ] {
            assert_country(input, "美国");
        }
        assert_country("日本东京", "日本");
        assert_country("UK", "英国");
        assert_country("南韩", "韩国");
        assert_country("Korea", "韩国");
        assert_country("New Zealand", "新西兰");
        assert_country("NewZealand", "新西兰");
        assert_country("Russia", "俄罗斯");
        assert_country("Ukraine", "乌克兰");
        assert_country("Austria", "奥地利");
        assert_country("罗马尼亚", "罗马尼亚");
        assert_country("蒙古", "蒙古国");
        assert_country("开曼", "开曼群岛");
        assert_eq!(read("德国慕尼黑").label(), "德国");
    }

    #[test]
    fn ambiguous_names() {
        assert_province("吉林省", "吉林", Northeast);
        assert_city("吉林市", "吉林", "吉林", Northeast);
        assert_city("吉林", "吉林", "吉林", Northeast);
        assert_city("吉林长春", "长春", "吉林", Northeast);
        assert_city("吉林省吉林市", "吉林", "吉林", Northeast);
        assert_province("海南", "海南", OtherDomestic);
        assert_city("海南三亚", "三亚", "海南", OtherDomestic);
        assert_city("青海海南", "海南州", "青海", OtherDomestic);
        assert_city("海南藏族自治州", "海南州", "青海", OtherDomestic);
        assert_city("朝阳", "朝阳", "辽宁", Northeast);
        assert_city("北京朝阳", "北京", "北京", BeijingTianjinHebei);
        assert_city("朝阳区", "北京", "北京", BeijingTianjinHebei);
        assert_city("长春市朝阳区", "长春", "吉林", Northeast);
        assert_city("南通", "南通", "江苏", YangtzeDelta);
        assert_city("通化", "通化", "吉林", Northeast);
        assert_city("南通通州", "南通", "江苏", YangtzeDelta);
        assert_city("通州", "北京", "北京", BeijingTianjinHebei);
        assert_city("新北", "新北", "台湾", OtherDomestic);
        assert_city("常州新北区", "常州", "江苏", YangtzeDelta);
        assert_province("内蒙古", "内蒙古", OtherDomestic);
        assert_city("大兴安岭", "大兴安岭", "黑龙江", Northeast);
        assert_city("大兴", "北京", "北京", BeijingTianjinHebei);
        assert_city("延边朝鲜族自治州", "延边", "吉林", Northeast);
        assert_city("恩施土家族苗族自治州", "恩施", "湖北", MiddleYangtze);
        assert_city("阿里地区", "阿里", "西藏", OtherDomestic);
        assert_city("赤峰巴林左旗", "赤峰", "内蒙古", OtherDomestic);
        assert_city("巴林左旗", "赤峰", "内蒙古", OtherDomestic);
        assert_eq!(normalize_origin("阿里巴巴"), None);
        let china = read("中国");
        assert_eq!(
            (china.label(), china.region),
            ("中国".to_owned(), OtherDomestic)
        );
    }

    #[test]
    fn nothing_recognisable() {
        for input in ["", "   ", "\u{3000}", "火星", "abc", "待定", "--"] {
            assert_eq!(normalize_origin(input), None, "{input:?}");
        }
    }

    #[test]
    fn every_city_and_country_reads_back_as_itself() {
        for (city, province) in all_cities() {
            let input = if SUFFIX_REQUIRED.contains(&city) {
                format!("{city}市")
            } else {
                city.to_owned()
            };
            let place = read(&input);
            assert_eq!(
                (place.city, place.province),
                (Some(city), Some(province)),
                "{input}"
            );
            assert_eq!(read(&format!("{province}{input}")).city, Some(city));
        }
        for country in all_countries() {
            assert_country(country, country);
        }
    }

    #[test]
    fn table_sizes() {
        let non_prefecture = ["北京", "天津", "上海", "重庆", "香港", "澳门", "台湾"];
        let prefectures: usize = PROVINCES
            .iter()
            .filter(|p| !non_prefecture.contains(&p.name))
            .map(|p| p.cities.len())
            .sum();
        assert_eq!(prefectures, 333);
        assert_eq!(PROVINCES.len(), 34);
        let subdivisions: usize = SUBDIVISIONS.iter().map(|(_, names)| names.len()).sum();
        assert!(subdivisions >= 60, "{subdivisions}");
        assert!(all_countries().count() >= 60);
    }

    #[test]
    fn region_membership() {
        let in_region = |region| {
            all_cities()
                .filter(|&(city, province)| city_region(city, province) == region)
                .count()
        };
        assert_eq!(in_region(GreaterBayArea), 11);
        assert_eq!(in_region(YangtzeDelta), 41);
        assert_eq!(in_region(ChengduChongqing), 16);
        for p in PROVINCES {
            assert!(!p.cities.is_empty(), "{} has no city", p.name);
        }
    }

    #[test]
    fn region_codes_round_trip() {
        for region in EconomicRegion::ALL {
            assert_eq!(EconomicRegion::from_code(region.code()), Some(region));
            assert!(!region.name_zh().is_empty() && !region.name_en().is_empty());
        }
        assert_eq!(EconomicRegion::from_code("mars"), None);
    }

    #[test]
    fn a_hundred_thousand_calls() {
        let inputs = [
            "江苏苏州",
            "深圳市南山区",
            "德国慕尼黑",
            "USA",
            "昆山",
            "火星",
            "广东省",
            "日本东京",
            "苏州工业园区",
            "Germany",
        ];
        let found = (0..100_000)
            .filter(|i| normalize_origin(inputs[i % inputs.len()]).is_some())
            .count();
        assert_eq!(found, 90_000);
    }
}
