//! Entity tables: money and percentages, each form in simplified and
//! traditional script, negative rows among them; the seed notice against
//! its gold file in three renderings; pathological inputs.
//!
//! A row is `(text, expected figures in text order)`; a figure is
//! `(value, code, bound)` where `code` is the ISO 4217 currency of an
//! amount, `%` for a percentage and `pt` for percentage points.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use notice_extract::entities::find_entities;
use notice_extract::output::record::{Bound, PercentUnit};

use Bound::{Approx as A, Exact as E, Max as X, Min as N};

type Case = (&'static str, &'static [(f64, &'static str, Bound)]);

/// Plain sums: numerals of every kind, currencies, per-unit money.
const MONEY: &[Case] = &[
    ("全年预算安排18.2亿元", &[(1.82e9, "CNY", E)]),
    ("全年預算安排18.2億元", &[(1.82e9, "CNY", E)]),
    ("给予30万元奖励", &[(3e5, "CNY", E)]),
    ("給予30萬元獎勵", &[(3e5, "CNY", E)]),
    ("每份补贴5角", &[(0.5, "CNY", E)]),
    ("每份補貼5角", &[(0.5, "CNY", E)]),
    ("每张3角5分", &[(0.35, "CNY", E)]),
    ("每張3角5分", &[(0.35, "CNY", E)]),
    ("每张三角五分", &[(0.35, "CNY", E)]),
    ("每張三角五分", &[(0.35, "CNY", E)]),
    ("只要五元钱", &[(5.0, "CNY", E)]),
    ("只要五元錢", &[(5.0, "CNY", E)]),
    ("只要一角钱", &[(0.1, "CNY", E)]),
    ("只要一角錢", &[(0.1, "CNY", E)]),
    ("票价2元5角", &[(2.5, "CNY", E)]),
    ("票價2元5角", &[(2.5, "CNY", E)]),
    ("投资1,000万元", &[(1e7, "CNY", E)]),
    ("投資1,000萬元", &[(1e7, "CNY", E)]),
    ("投资１００万元", &[(1e6, "CNY", E)]),
    ("投資１００萬元", &[(1e6, "CNY", E)]),
    ("投资１８．２亿元", &[(1.82e9, "CNY", E)]),
    ("投資１８．２億元", &[(1.82e9, "CNY", E)]),
    ("补助十五元", &[(15.0, "CNY", E)]),
    ("補助十五元", &[(15.0, "CNY", E)]),
    ("资金一千二百万元", &[(1.2e7, "CNY", E)]),
    ("資金一千二百萬元", &[(1.2e7, "CNY", E)]),
    ("安排三千五百万元", &[(3.5e7, "CNY", E)]),
    ("安排三千五百萬元", &[(3.5e7, "CNY", E)]),
    ("奖励两万元", &[(2e4, "CNY", E)]),
    ("獎勵兩萬元", &[(2e4, "CNY", E)]),
    ("拨付一千零五十元", &[(1050.0, "CNY", E)]),
    ("撥付一千零五十元", &[(1050.0, "CNY", E)]),
    ("拨付一千〇五元", &[(1005.0, "CNY", E)]),
    ("撥付一千〇五元", &[(1005.0, "CNY", E)]),
    ("人民币壹佰万元整", &[(1e6, "CNY", E)]),
    ("人民幣壹佰萬元整", &[(1e6, "CNY", E)]),
    ("金额肆仟伍佰元", &[(4500.0, "CNY", E)]),
    ("金額肆仟伍佰元", &[(4500.0, "CNY", E)]),
    ("贰拾万元", &[(2e5, "CNY", E)]),
    ("貳拾萬元", &[(2e5, "CNY", E)]),
    ("叁佰圆", &[(300.0, "CNY", E)]),
    ("參佰圓", &[(300.0, "CNY", E)]),
    ("奖励3千万元", &[(3e7, "CNY", E)]),
    ("獎勵3千萬元", &[(3e7, "CNY", E)]),
    ("奖励3千5百万元", &[(3.5e7, "CNY", E)]),
    ("獎勵3千5百萬元", &[(3.5e7, "CNY", E)]),
    ("引进外资1.5亿美元", &[(1.5e8, "USD", E)]),
    ("引進外資1.5億美元", &[(1.5e8, "USD", E)]),
    ("完成实际利用外资9亿美元", &[(9e8, "USD", E)]),
    ("完成實際利用外資9億美元", &[(9e8, "USD", E)]),
    ("投资4.78万亿元", &[(4.78e12, "CNY", E)]),
    ("投資4.78萬億元", &[(4.78e12, "CNY", E)]),
    ("融资500万港元", &[(5e6, "HKD", E)]),
    ("融資500萬港幣", &[(5e6, "HKD", E)]),
    ("采购100万欧元设备", &[(1e6, "EUR", E)]),
    ("採購100萬歐元設備", &[(1e6, "EUR", E)]),
    ("投资5000万日元", &[(5e7, "JPY", E)]),
    ("投資5000萬日元", &[(5e7, "JPY", E)]),
    ("捐赠30万英镑", &[(3e5, "GBP", E)]),
    ("捐贈30萬英鎊", &[(3e5, "GBP", E)]),
    ("合同50万澳元", &[(5e5, "AUD", E)]),
    ("合同50萬澳元", &[(5e5, "AUD", E)]),
    ("收费￥500", &[(500.0, "CNY", E)]),
    ("收費￥500", &[(500.0, "CNY", E)]),
    ("费用RMB 2,000", &[(2000.0, "CNY", E)]),
    ("費用RMB 2,000", &[(2000.0, "CNY", E)]),
    ("融资US$300万", &[(3e6, "USD", E)]),
    ("融資US$300萬", &[(3e6, "USD", E)]),
    ("总价￥1,500.50", &[(1500.5, "CNY", E)]),
    ("總價￥1,500.50", &[(1500.5, "CNY", E)]),
    ("人民币100万元", &[(1e6, "CNY", E)]),
    ("人民幣100萬元", &[(1e6, "CNY", E)]),
    ("注资100万人民币", &[(1e6, "CNY", E)]),
    ("注資100萬人民幣", &[(1e6, "CNY", E)]),
    ("每人每月500元", &[(500.0, "CNY", E)]),
    ("每人每月補貼500元", &[(500.0, "CNY", E)]),
    ("租金3000元/平方米", &[(3000.0, "CNY", E)]),
    ("租金3000元/平方米每年", &[(3000.0, "CNY", E)]),
    ("给予 100 万元", &[(1e6, "CNY", E)]),
    ("給予 100 萬元", &[(1e6, "CNY", E)]),
    ("统一100万元", &[(1e6, "CNY", E)]),
    ("統一100萬元", &[(1e6, "CNY", E)]),
    ("百万元大奖", &[(1e6, "CNY", E)]),
    ("百萬元大獎", &[(1e6, "CNY", E)]),
    ("支持总额为110.4亿元", &[(1.104e10, "CNY", E)]),
    ("支持總額為110.4億元", &[(1.104e10, "CNY", E)]),
];

/// Qualifier words, before and after, in both scripts.
const BOUNDS: &[Case] = &[
    ("约5亿元", &[(5e8, "CNY", A)]),
    ("約5億元", &[(5e8, "CNY", A)]),
    ("资金120万元左右", &[(1.2e6, "CNY", A)]),
    ("資金120萬元左右", &[(1.2e6, "CNY", A)]),
    ("近5000万元", &[(5e7, "CNY", A)]),
    ("近5000萬元", &[(5e7, "CNY", A)]),
    ("大约300万元", &[(3e6, "CNY", A)]),
    ("大約300萬元", &[(3e6, "CNY", A)]),
    ("获得100多万元", &[(1e6, "CNY", A)]),
    ("獲得100多萬元", &[(1e6, "CNY", A)]),
    ("筹集1000余万元", &[(1e7, "CNY", A)]),
    ("投入数百万元", &[(1e6, "CNY", A)]),
    ("投入數百萬元", &[(1e6, "CNY", A)]),
    ("投入上千万元", &[(1e7, "CNY", A)]),
    ("投入上千萬元", &[(1e7, "CNY", A)]),
    ("籌集1000餘萬元", &[(1e7, "CNY", A)]),
    ("年产值超10亿元", &[(1e9, "CNY", N)]),
    ("年產值超10億元", &[(1e9, "CNY", N)]),
    ("营业收入突破6500亿元", &[(6.5e11, "CNY", N)]),
    ("營業收入突破6500億元", &[(6.5e11, "CNY", N)]),
    ("全年预算安排资金不少于55亿元", &[(5.5e9, "CNY", N)]),
    ("全年預算安排資金不少于55億元", &[(5.5e9, "CNY", N)]),
    ("全年預算安排資金不少於55億元", &[(5.5e9, "CNY", N)]),
    ("且增量在100万元以上的企业", &[(1e6, "CNY", N)]),
    ("且增量在100萬元以上的企業", &[(1e6, "CNY", N)]),
    ("最高不超过100万元", &[(1e6, "CNY", X)]),
    ("最高不超過100萬元", &[(1e6, "CNY", X)]),
    ("对研发费用首次达到200万元的规上企业", &[(2e6, "CNY", E)]),
    ("對研發費用首次達到200萬元的規上企業", &[(2e6, "CNY", E)]),
    ("按每户每年24000元为限额", &[(24000.0, "CNY", X)]),
    ("按每戶每年24000元為限額", &[(24000.0, "CNY", X)]),
    ("不低于10万元", &[(1e5, "CNY", N)]),
    ("不低於10萬元", &[(1e5, "CNY", N)]),
    ("至少20万元", &[(2e5, "CNY", N)]),
    ("至少20萬元", &[(2e5, "CNY", N)]),
    ("至多20万元", &[(2e5, "CNY", X)]),
    ("至多20萬元", &[(2e5, "CNY", X)]),
    ("上限为300万元", &[(3e6, "CNY", X)]),
    ("上限為300萬元", &[(3e6, "CNY", X)]),
    ("以500万元封顶", &[(5e6, "CNY", X)]),
    ("以500萬元封頂", &[(5e6, "CNY", X)]),
    ("补助20万元以内", &[(2e5, "CNY", X)]),
    ("補助20萬元以內", &[(2e5, "CNY", X)]),
    ("投资5万元以下", &[(5e4, "CNY", X)]),
    ("投資5萬元以下", &[(5e4, "CNY", X)]),
    ("高于30万元", &[(3e5, "CNY", N)]),
    ("高於30萬元", &[(3e5, "CNY", N)]),
    ("超过30万元", &[(3e5, "CNY", N)]),
    ("超過30萬元", &[(3e5, "CNY", N)]),
    ("低于5万元", &[(5e4, "CNY", X)]),
    ("低於5萬元", &[(5e4, "CNY", X)]),
    ("低保年标准达到15400元以上", &[(15400.0, "CNY", N)]),
    ("低保年標準達到15400元以上", &[(15400.0, "CNY", N)]),
    ("可给予最高3000万元补助", &[(3e7, "CNY", X)]),
    ("可給予最高3000萬元補助", &[(3e7, "CNY", X)]),
    ("单个企业年最高额度不超过50万元", &[(5e5, "CNY", X)]),
    ("單個企業年最高額度不超過50萬元", &[(5e5, "CNY", X)]),
    ("招引投资1亿美元以上的外资大项目", &[(1e8, "USD", N)]),
    ("招引投資1億美元以上的外資大項目", &[(1e8, "USD", N)]),
    ("自筹资金比例不得低于30%", &[(30.0, "%", N)]),
    ("自籌資金比例不得低於30%", &[(30.0, "%", N)]),
    ("补助不得超过200万元", &[(2e6, "CNY", X)]),
    ("補助不得超過200萬元", &[(2e6, "CNY", X)]),
    // A word is used up by the figure it qualifies.
    (
        "最高给予50万元和20万元",
        &[(5e5, "CNY", X), (2e5, "CNY", E)],
    ),
    (
        "最高給予50萬元和20萬元",
        &[(5e5, "CNY", X), (2e5, "CNY", E)],
    ),
    // A word right before another number belongs to it.
    ("对不超过3家企业给予100万元", &[(1e6, "CNY", E)]),
    ("對不超過3家企業給予100萬元", &[(1e6, "CNY", E)]),
    // A phrase end stops a word.
    (
        "最高奖励30万元,另给予10万元补助",
        &[(3e5, "CNY", X), (1e5, "CNY", E)],
    ),
    (
        "最高獎勵30萬元，另給予10萬元補助",
        &[(3e5, "CNY", X), (1e5, "CNY", E)],
    ),
    // 超, 约 and 近 reach only the figure right after them.
    ("争取超长期特别国债10亿元", &[(1e9, "CNY", E)]),
    ("爭取超長期特別國債10億元", &[(1e9, "CNY", E)]),
    ("节约资金100万元", &[(1e6, "CNY", E)]),
    ("節約資金100萬元", &[(1e6, "CNY", E)]),
    ("最近投入100万元", &[(1e6, "CNY", E)]),
    ("最近投入100萬元", &[(1e6, "CNY", E)]),
];

/// Ranges and lists.
const RANGES_AND_LISTS: &[Case] = &[
    ("给予5万至10万元", &[(5e4, "CNY", N), (1e5, "CNY", X)]),
    ("給予5萬至10萬元", &[(5e4, "CNY", N), (1e5, "CNY", X)]),
    ("给予5-10万元", &[(5e4, "CNY", N), (1e5, "CNY", X)]),
    ("給予5-10萬元", &[(5e4, "CNY", N), (1e5, "CNY", X)]),
    ("给予3—10万元", &[(3e4, "CNY", N), (1e5, "CNY", X)]),
    ("給予3—10萬元", &[(3e4, "CNY", N), (1e5, "CNY", X)]),
    ("统一5-10万元", &[(5e4, "CNY", N), (1e5, "CNY", X)]),
    ("統一5-10萬元", &[(5e4, "CNY", N), (1e5, "CNY", X)]),
    ("给予10到20万元", &[(1e5, "CNY", N), (2e5, "CNY", X)]),
    ("給予10到20萬元", &[(1e5, "CNY", N), (2e5, "CNY", X)]),
    ("给予3万元—5万元补助", &[(3e4, "CNY", N), (5e4, "CNY", X)]),
    ("給予3萬元—5萬元補助", &[(3e4, "CNY", N), (5e4, "CNY", X)]),
    ("资助三至五千万元", &[(3e7, "CNY", N), (5e7, "CNY", X)]),
    ("資助三至五千萬元", &[(3e7, "CNY", N), (5e7, "CNY", X)]),
    ("资助五至二十万元", &[(5e4, "CNY", N), (2e5, "CNY", X)]),
    ("資助五至二十萬元", &[(5e4, "CNY", N), (2e5, "CNY", X)]),
    ("投资1-1.5亿元", &[(1e8, "CNY", N), (1.5e8, "CNY", X)]),
    ("投資1-1.5億元", &[(1e8, "CNY", N), (1.5e8, "CNY", X)]),
    ("比例为10%—20%", &[(10.0, "%", N), (20.0, "%", X)]),
    ("比例為10%—20%", &[(10.0, "%", N), (20.0, "%", X)]),
    ("比例为10—20%", &[(10.0, "%", N), (20.0, "%", X)]),
    ("比例為10—20%", &[(10.0, "%", N), (20.0, "%", X)]),
    ("比例为10%至20%", &[(10.0, "%", N), (20.0, "%", X)]),
    ("比例為10%至20%", &[(10.0, "%", N), (20.0, "%", X)]),
    (
        "比例为百分之十至百分之二十",
        &[(10.0, "%", N), (20.0, "%", X)],
    ),
    (
        "比例為百分之十至百分之二十",
        &[(10.0, "%", N), (20.0, "%", X)],
    ),
    ("提高1-2个百分点", &[(1.0, "pt", N), (2.0, "pt", X)]),
    ("提高1-2個百分點", &[(1.0, "pt", N), (2.0, "pt", X)]),
    (
        "分别给予1000万元、600万元奖励",
        &[(1e7, "CNY", E), (6e6, "CNY", E)],
    ),
    (
        "分別給予1000萬元、600萬元獎勵",
        &[(1e7, "CNY", E), (6e6, "CNY", E)],
    ),
    (
        "分别给予最高100万元、100万元、20万元",
        &[(1e6, "CNY", X), (1e6, "CNY", X), (2e5, "CNY", X)],
    ),
    (
        "分別給予最高100萬元、100萬元、20萬元",
        &[(1e6, "CNY", X), (1e6, "CNY", X), (2e5, "CNY", X)],
    ),
    ("分别增长10%、15%以上", &[(10.0, "%", N), (15.0, "%", N)]),
    ("分別增長10%、15%以上", &[(10.0, "%", N), (15.0, "%", N)]),
    (
        "给予100万元以上、50万元奖励",
        &[(1e6, "CNY", N), (5e5, "CNY", E)],
    ),
    (
        "給予100萬元以上、50萬元獎勵",
        &[(1e6, "CNY", N), (5e5, "CNY", E)],
    ),
    ("增速达20%、强度达10%", &[(20.0, "%", E), (10.0, "%", E)]),
    ("增速達20%、強度達10%", &[(20.0, "%", E), (10.0, "%", E)]),
    (
        "按新增研发费10%给予补助,最高不超过100万元",
        &[(10.0, "%", E), (1e6, "CNY", X)],
    ),
    (
        "按新增研發費10%給予補助,最高不超過100萬元",
        &[(10.0, "%", E), (1e6, "CNY", X)],
    ),
    (
        "最高不超过实际租房价格50%,单个企业年最高额度不超过50万元",
        &[(50.0, "%", X), (5e5, "CNY", X)],
    ),
    (
        "最高不超過實際租房價格50%,單個企業年最高額度不超過50萬元",
        &[(50.0, "%", X), (5e5, "CNY", X)],
    ),
    (
        "覆盖率达100%,助残服务覆盖率达到90%以上",
        &[(100.0, "%", E), (90.0, "%", N)],
    ),
    (
        "覆蓋率達100%,助殘服務覆蓋率達到90%以上",
        &[(100.0, "%", E), (90.0, "%", N)],
    ),
];

/// Percentages of every form.
const PERCENTAGES: &[Case] = &[
    ("补助50%", &[(50.0, "%", E)]),
    ("補助50%", &[(50.0, "%", E)]),
    ("补助５０％", &[(50.0, "%", E)]),
    ("補助５０％", &[(50.0, "%", E)]),
    ("占比百分之五十", &[(50.0, "%", E)]),
    ("佔比百分之五十", &[(50.0, "%", E)]),
    ("增长百分之十二点五", &[(12.5, "%", E)]),
    ("增長百分之十二點五", &[(12.5, "%", E)]),
    ("增长百分之12.5", &[(12.5, "%", E)]),
    ("增長百分之12.5", &[(12.5, "%", E)]),
    ("费率为千分之五", &[(0.5, "%", E)]),
    ("費率為千分之五", &[(0.5, "%", E)]),
    ("费率为5‰", &[(0.5, "%", E)]),
    ("費率為5‰", &[(0.5, "%", E)]),
    ("支出三分之二以上用于民生领域", &[(66.6667, "%", N)]),
    ("支出三分之二以上用於民生領域", &[(66.6667, "%", N)]),
    ("占三分之一", &[(33.3333, "%", E)]),
    ("佔三分之一", &[(33.3333, "%", E)]),
    ("达到百分之百", &[(100.0, "%", E)]),
    ("達到百分之百", &[(100.0, "%", E)]),
    ("给予五成补贴", &[(50.0, "%", E)]),
    ("給予五成補貼", &[(50.0, "%", E)]),
    ("按七成半计算", &[(75.0, "%", E)]),
    ("按七成半計算", &[(75.0, "%", E)]),
    ("门票打七折", &[(70.0, "%", E)]),
    ("門票打七折", &[(70.0, "%", E)]),
    ("门票打八五折", &[(85.0, "%", E)]),
    ("門票打八五折", &[(85.0, "%", E)]),
    ("提高3个百分点", &[(3.0, "pt", E)]),
    ("提高3個百分點", &[(3.0, "pt", E)]),
    ("下降零点五个百分点", &[(0.5, "pt", E)]),
    ("下降零點五個百分點", &[(0.5, "pt", E)]),
    ("最高按项目实际投资额的20%给予补助", &[(20.0, "%", X)]),
    ("最高按項目實際投資額的20%給予補助", &[(20.0, "%", X)]),
    ("减少水平低于5.5%", &[(5.5, "%", X)]),
    ("減少水平低於5.5%", &[(5.5, "%", X)]),
    ("占比不低于80%", &[(80.0, "%", N)]),
    ("占比不低於80%", &[(80.0, "%", N)]),
    ("可根据需要继续提高补助标准至80%", &[(80.0, "%", E)]),
    ("可根據需要繼續提高補助標準至80%", &[(80.0, "%", E)]),
    ("毕业出孵两年内给予50%的房租补贴", &[(50.0, "%", E)]),
    ("畢業出孵兩年內給予50%的房租補貼", &[(50.0, "%", E)]),
    (
        "前三年给予最高不超过实际租房价格50%房租补贴",
        &[(50.0, "%", X)],
    ),
    (
        "前三年給予最高不超過實際租房價格50%房租補貼",
        &[(50.0, "%", X)],
    ),
    ("增长20%左右", &[(20.0, "%", A)]),
    ("增長20%左右", &[(20.0, "%", A)]),
    ("享受所得税五免后减按10%优惠", &[(10.0, "%", E)]),
    ("享受所得稅五免後減按10%優惠", &[(10.0, "%", E)]),
    ("增长百分之十以上", &[(10.0, "%", N)]),
    ("增長百分之十以上", &[(10.0, "%", N)]),
    ("约占30%", &[(30.0, "%", A)]),
    ("約佔30%", &[(30.0, "%", A)]),
];

/// Not money and not percentages.
const NEGATIVES: &[Case] = &[
    ("保障全社会电量供给40亿千瓦时以上", &[]),
    ("保障全社會電量供給40億千瓦時以上", &[]),
    ("新增空间24万平方米以上", &[]),
    ("新增空間24萬平方米以上", &[]),
    ("全年供应工业用地150亩以上", &[]),
    ("全年供應工業用地150畝以上", &[]),
    ("节约100万吨标准煤", &[]),
    ("節約100萬噸標準煤", &[]),
    ("装机100万千瓦", &[]),
    ("裝機100萬千瓦", &[]),
    ("新培育企业2000家", &[]),
    ("新培育企業2000家", &[]),
    ("救助不少于800人次", &[]),
    ("救助不少於800人次", &[]),
    ("2025年全年实施有效", &[]),
    ("2025年全年實施有效", &[]),
    ("二〇二五年二月", &[]),
    ("浙政发〔2025〕3号", &[]),
    ("浙政發〔2025〕3號", &[]),
    ("深入实施“5050”政策", &[]),
    ("深入實施“5050”政策", &[]),
    ("5050人才基金等重点基金", &[]),
    ("5050人才基金等重點基金", &[]),
    ("聚焦“1+5+N”重点产业体系", &[]),
    ("聚焦“1+5+N”重點產業體系", &[]),
    ("抓好省“千项万亿”重大项目建设", &[]),
    ("抓好省“千項萬億”重大項目建設", &[]),
    ("1月1日元旦假期", &[]),
    ("1月1日元旦假期照常", &[]),
    ("以多元化青年消费为导向", &[]),
    ("以“多元化青年消費”為發展導向", &[]),
    ("第3单元", &[]),
    ("第3單元", &[]),
    ("公元2025年", &[]),
    ("城乡二元结构", &[]),
    ("年产8万吨高镍三元正极材料", &[]),
    ("年產8萬噸高鎳三元正極材料", &[]),
    ("城鄉二元結構", &[]),
    ("每万元GDP能耗下降", &[]),
    ("每萬元GDP能耗下降", &[]),
    ("制度一成不变", &[]),
    ("制度一成不變", &[]),
    ("三五成群", &[]),
    ("七折八扣", &[]),
    ("悬挂五角星", &[]),
    ("懸掛五角星", &[]),
    ("城市一角", &[]),
    ("推动15—20年电梯应更新尽更新", &[]),
    ("推動15—20年電梯應更新盡更新", &[]),
    ("发布时间: 2025-02-28 15:57", &[]),
    ("發布時間: 2025-02-28 15:57", &[]),
    ("十四五规划", &[]),
    ("兩免三減半", &[]),
    ("“315”科技创新体系", &[]),
    ("“415X”先進製造業集群", &[]),
    ("ABJD00-2025-0002杭高新〔2025〕3號", &[]),
    ("万亿元以上", &[]),
    ("萬億元以上", &[]),
    ("53个市重点项目", &[]),
    ("選派4名基層醫療衛生技術骨干", &[]),
];

fn code_of(unit: PercentUnit) -> &'static str {
    match unit {
        PercentUnit::Percent => "%",
        PercentUnit::Point => "pt",
    }
}

/// All figures of a text as `(start, value, code, bound)`, in text order.
fn figures(text: &str) -> Vec<(usize, f64, String, Bound)> {
    let found = find_entities(text);
    let mut v: Vec<_> = found
        .amounts
        .iter()
        .map(|a| (a.span[0], a.value, a.currency.clone(), a.bound))
        .chain(
            found
                .percentages
                .iter()
                .map(|p| (p.span[0], p.value, code_of(p.unit).to_string(), p.bound)),
        )
        .collect();
    v.sort_by_key(|f| f.0);
    v
}

fn check(table: &[Case]) -> Vec<String> {
    let mut failures = Vec::new();
    for (text, want) in table {
        let got: Vec<(f64, String, Bound)> = figures(text)
            .into_iter()
            .map(|(_, v, c, b)| (v, c, b))
            .collect();
        let same = got.len() == want.len()
            && got.iter().zip(want.iter()).all(|(g, w)| {
                (g.0 - w.0).abs() <= 1e-6 * w.0.abs().max(1.0) && g.1 == w.1 && g.2 == w.2
            });
        if !same {
            failures.push(format!("{text}: want {want:?}, got {got:?}"));
        }
    }
    failures
}

#[test]
fn tables() {
    let tables = [MONEY, BOUNDS, RANGES_AND_LISTS, PERCENTAGES, NEGATIVES];
    let total: usize = tables.iter().map(|t| t.len()).sum();
    assert!(total >= 200, "only {total} cases");
    let failures: Vec<String> = tables.iter().flat_map(|t| check(t)).collect();
    assert!(
        failures.is_empty(),
        "{} of {total} cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn text_and_spans_are_the_source_characters() {
    let text = "對企業給予１８．２億元、三分之二和50%";
    let found = find_entities(text);
    let chars: Vec<char> = text.chars().collect();
    for (span, t) in found
        .amounts
        .iter()
        .map(|a| (a.span, &a.text))
        .chain(found.percentages.iter().map(|p| (p.span, &p.text)))
    {
        let s: String = chars[span[0]..span[1]].iter().collect();
        assert_eq!(&s, t);
    }
    assert_eq!(found.amounts[0].text, "１８．２億元");
    assert_eq!(found.amounts[0].value, 1_820_000_000.0);
    assert_eq!(found.percentages[0].text, "三分之二");
    assert_eq!(found.percentages[1].text, "50%");
    assert_eq!(found.percentages[1].span, [17, 20]);
}

/// The seed notice's body: the source file holds it twice.
fn body(text: &str) -> &str {
    match text.find("\nProduced By") {
        Some(i) => &text[..i],
        None => text,
    }
}

type Multiset = HashMap<String, usize>;

fn count<I: Iterator<Item = String>>(it: I) -> Multiset {
    let mut m = HashMap::new();
    for k in it {
        *m.entry(k).or_insert(0) += 1;
    }
    m
}

fn bound_name(b: Bound) -> &'static str {
    match b {
        Bound::Max => "max",
        Bound::Min => "min",
        Bound::Approx => "approx",
        Bound::Exact => "exact",
    }
}

#[test]
fn seed_notice_matches_gold_in_three_renderings() {
    let gold: serde_json::Value =
        serde_json::from_str(include_str!("../fixtures/gold/binjiang-2025.gold.json"))
            .expect("gold parses");
    let key = |v: &serde_json::Value, with_currency: bool| {
        let value = v["value"].as_f64().expect("value");
        let cur = if with_currency {
            v["currency"].as_str().expect("currency")
        } else {
            ""
        };
        format!("{value:.2} {cur} {}", v["bound"].as_str().expect("bound"))
    };
    let gold_amounts = count(
        gold["amounts"]
            .as_array()
            .expect("amounts")
            .iter()
            .map(|v| key(v, true)),
    );
    let gold_percent = count(
        gold["percentages"]
            .as_array()
            .expect("percentages")
            .iter()
            .map(|v| key(v, false)),
    );
    let renderings = [
        (
            "source",
            include_str!("../fixtures/text/binjiang-2025-source.txt"),
        ),
        (
            "simplified",
            include_str!("../fixtures/text/binjiang-2025-simplified.txt"),
        ),
        (
            "fullwidth",
            include_str!("../fixtures/text/binjiang-2025-fullwidth.txt"),
        ),
    ];
    for (name, text) in renderings {
        let found = find_entities(body(text));
        let amounts = count(
            found
                .amounts
                .iter()
                .map(|a| format!("{:.2} {} {}", a.value, a.currency, bound_name(a.bound))),
        );
        let percent = count(
            found
                .percentages
                .iter()
                .map(|p| format!("{:.2}  {}", p.value, bound_name(p.bound))),
        );
        assert_eq!(amounts, gold_amounts, "{name}: amounts");
        assert_eq!(percent, gold_percent, "{name}: percentages");
    }
}

/// Work must stay linear: `kivikakk/comrak: src/tests/pathological.rs`.
const PATHOLOGICAL_LIMIT: Duration = Duration::from_secs(5);

#[test]
fn a_megabyte_line_is_quick() {
    let unit = "对企业给予最高不超过实际投资额的30%补助单个企业不超过50万元";
    let line = unit.repeat(1_000_000 / unit.len() + 1);
    let t = Instant::now();
    let found = find_entities(&line);
    assert!(t.elapsed() < PATHOLOGICAL_LIMIT, "took {:?}", t.elapsed());
    assert!(found.amounts.len() > 10_000);

    let digits = "1".repeat(1_000_000);
    let t = Instant::now();
    let _ = find_entities(&digits);
    let _ = find_entities(&format!("{digits}元"));
    let _ = find_entities(&"一".repeat(300_000));
    let _ = find_entities(&"不超过".repeat(300_000));
    assert!(t.elapsed() < PATHOLOGICAL_LIMIT, "took {:?}", t.elapsed());
}

#[test]
fn ten_thousand_listed_figures_are_quick() {
    let list = vec!["100万元"; 10_000].join("、");
    let text = format!("分别给予最高{list}奖励");
    let t = Instant::now();
    let found = find_entities(&text);
    assert!(t.elapsed() < PATHOLOGICAL_LIMIT, "took {:?}", t.elapsed());
    assert_eq!(found.amounts.len(), 10_000);
    assert!(found.amounts.iter().all(|a| a.bound == Bound::Max));

    let pct = vec!["10%"; 10_000].join("、");
    let found = find_entities(&format!("分别增长{pct}以上"));
    assert_eq!(found.percentages.len(), 10_000);
    assert!(found.percentages.iter().all(|p| p.bound == Bound::Min));
}
