//! 招商目标企业库 in and out of files: the list exported (under its filter) imports back the same
//! companies into another ledger, and into its own ledger as duplicates only; duplicates by
//! credit code or, failing one, by name are skipped and counted; a bad row is refused with its
//! line and reason while the good rows go in; a damaged file says so and nothing panics; and
//! `targets-co import|export` with the built binary.

mod common;

use std::path::Path;

use common::{stdout_of_success, zhaoshang};
use zhaoshang::app::companies_import::{check_rows, export_companies, import_step};
use zhaoshang::domain::chain::{Chain, ChainNode, Segment};
use zhaoshang::domain::credit_code::validate;
use zhaoshang::domain::target_company::{ContactStatus, Priority, TargetCompany};
use zhaoshang::domain::{Officer, Team};
use zhaoshang::i18n::Lang;
use zhaoshang::io::companies::{CompanyPreview, read_rows};
use zhaoshang::store::{Store, Write};

const CODE_SUZHOU: &str = "91320500MA1X00000X";
const CODE_SHENZHEN: &str = "91440300MA5D000204";

/// Two chains that share the link name 封装测试, a link only one has (动力电池), and one
/// officer 王敏: the same names in every ledger made here.
struct Names {
    battery: uuid::Uuid,
    packaging_ic: uuid::Uuid,
    officer: uuid::Uuid,
}

fn ledger() -> (Store, Names) {
    let mut store = Store::in_memory().unwrap();
    let ev = Chain::new("新能源汽车");
    let ic = Chain::new("集成电路");
    let battery = ChainNode::new(ev.id, Segment::Midstream, "动力电池");
    let packaging_ev = ChainNode::new(ev.id, Segment::Downstream, "封装测试");
    let packaging_ic = ChainNode::new(ic.id, Segment::Midstream, "封装测试");
    let team = Team::new("招商一组");
    let officer = Officer::new(team.id, "王敏");
    let names = Names {
        battery: battery.id,
        packaging_ic: packaging_ic.id,
        officer: officer.id,
    };
    store
        .write(&[
            Write::PutChain(ev),
            Write::PutChain(ic),
            Write::PutChainNode(battery),
            Write::PutChainNode(packaging_ev),
            Write::PutChainNode(packaging_ic),
            Write::PutTeam(team),
            Write::PutOfficer(officer),
        ])
        .unwrap();
    (store, names)
}

fn companies(n: &Names) -> Vec<TargetCompany> {
    let mut a = TargetCompany::new("苏州锂电科技有限公司");
    a.credit_code = CODE_SUZHOU.into();
    a.city = "江苏苏州".into();
    a.priority = Priority::A;
    a.chain_leader = true;
    a.officer = Some(n.officer);
    a.contact = ContactStatus::Interested;
    a.links = vec![n.battery, n.packaging_ic];
    a.notes = "-三季度回访；董事长在德国".into();
    let mut b = TargetCompany::new("深圳封测股份");
    b.credit_code = CODE_SHENZHEN.into();
    b.city = "深圳".into();
    b.priority = Priority::C;
    b.links = vec![n.packaging_ic];
    let c = TargetCompany::new("无代码的合肥企业");
    vec![a, b, c]
}

fn put(store: &mut Store, companies: &[TargetCompany]) {
    let writes: Vec<Write> = companies
        .iter()
        .cloned()
        .map(Write::PutTargetCompany)
        .collect();
    store.write(&writes).unwrap();
}

fn preview_of(store: &Store, path: &Path) -> CompanyPreview {
    let rows = read_rows(path).unwrap_or_else(|e| panic!("{}", e.text(Lang::Zh)));
    check_rows(store, &rows).unwrap()
}

/// A company without its id, to compare across ledgers.
fn without_id(c: &TargetCompany) -> TargetCompany {
    TargetCompany {
        id: uuid::Uuid::nil(),
        ..c.clone()
    }
}

#[test]
fn the_codes_used_here_are_valid() {
    for code in [CODE_SUZHOU, CODE_SHENZHEN] {
        assert_eq!(validate(code).as_deref(), Ok(code));
    }
}

#[test]
fn an_exported_list_imports_back_the_same_companies() {
    let (mut from, names) = ledger();
    let written = companies(&names);
    put(&mut from, &written);
    let dir = tempfile::tempdir().unwrap();
    for file in ["目标企业.xlsx", "目标企业.csv"] {
        let path = dir.path().join(file);
        let n = export_companies(&from, &from.target_companies().unwrap(), &path).unwrap();
        assert_eq!(n, 3);

        // Into a ledger with the same chains and officers (new ids, same names).
        let (mut to, to_names) = ledger();
        let preview = preview_of(&to, &path);
        assert_eq!(preview.refused, vec![], "{file}");
        assert_eq!((preview.new.len(), preview.duplicates), (3, 0), "{file}");
        let writes: Vec<Write> = (import_step(&preview).iter())
            .filter_map(|c| c.writes(true))
            .collect();
        to.write(&writes).unwrap();
        let mut expected: Vec<TargetCompany> =
            companies(&to_names).iter().map(without_id).collect();
        expected.sort_by(|a, b| a.name.cmp(&b.name));
        let mut got: Vec<TargetCompany> = to
            .target_companies()
            .unwrap()
            .iter()
            .map(without_id)
            .collect();
        got.sort_by(|a, b| a.name.cmp(&b.name));
        assert_eq!(got, expected, "{file}");

        // Into its own ledger: every row is a duplicate, nothing new.
        let again = preview_of(&from, &path);
        assert_eq!((again.new.len(), again.duplicates), (0, 3), "{file}");
    }
}

#[test]
fn duplicates_by_credit_code_or_by_name_are_skipped_and_counted() {
    let (mut store, names) = ledger();
    put(&mut store, &companies(&names)[..1]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("名单.csv");
    let text = format!(
        "企业名称,统一社会信用代码,所在城市\n\
         苏州锂电（改名后）,{CODE_SUZHOU},苏州\n\
         苏州锂电科技有限公司,,苏州\n\
         新企业甲,,南京\n\
         新企业甲,,南京\n\
         新企业乙,{CODE_SHENZHEN},深圳\n"
    );
    std::fs::write(&path, text).unwrap();
    let preview = preview_of(&store, &path);
    assert_eq!(preview.refused, vec![]);
    assert_eq!(
        preview.duplicates, 3,
        "same code, same name, and a repeated row"
    );
    let names: Vec<&str> = preview.new.iter().map(|(_, c)| c.name.as_str()).collect();
    assert_eq!(names, ["新企业甲", "新企业乙"]);
}

#[test]
fn bad_rows_are_listed_with_their_reason_and_the_good_ones_go_in() {
    let (store, names) = ledger();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("名单.csv");
    let text = "企业名称,统一社会信用代码,所在城市,产业链环节,优先级,链主,负责人,联系状态\n\
        好企业,,苏州,动力电池；集成电路/封装测试,a,是,王敏,已接触\n\
        ,,苏州,,,,,\n\
        坏代码,91320500MA1X000001,苏州,,,,,\n\
        含糊环节,,苏州,封装测试,,,,\n\
        无此环节,,苏州,新能源汽车/轮胎,,,,\n\
        坏优先级,,苏州,,D,,,\n\
        无此人,,苏州,,,,李四,\n\
        坏状态,,苏州,,,,,谈过了\n";
    std::fs::write(&path, text).unwrap();
    let preview = preview_of(&store, &path);
    assert_eq!(preview.new.len(), 1);
    let good = &preview.new[0].1;
    assert_eq!(good.links, vec![names.battery, names.packaging_ic]);
    assert_eq!(
        (good.priority, good.chain_leader, good.officer, good.contact),
        (
            Priority::A,
            true,
            Some(names.officer),
            ContactStatus::Contacted
        )
    );
    let reasons: Vec<String> = preview.refused.iter().map(|e| e.text(Lang::Zh)).collect();
    assert_eq!(reasons.len(), 7, "{reasons:#?}");
    assert_eq!(reasons[0], "第 3 行：企业名称为空");
    assert!(
        reasons[1].starts_with("第 4 行：") && reasons[1].contains("校验"),
        "{}",
        reasons[1]
    );
    assert_eq!(
        reasons[2],
        "第 5 行：产业链环节“封装测试”在多条链中都有，请写作“链/环节”"
    );
    assert_eq!(
        reasons[3],
        "第 6 行：产业链环节“新能源汽车/轮胎”不在任何产业链中（写作“链/环节”）"
    );
    assert_eq!(reasons[4], "第 7 行：优先级“D”不是 A、B、C 之一");
    assert_eq!(reasons[5], "第 8 行：负责人“李四”不在台账的人员中");
    assert!(
        reasons[6].starts_with("第 9 行：联系状态“谈过了”"),
        "{}",
        reasons[6]
    );
}

#[test]
fn a_damaged_or_foreign_file_says_why_and_nothing_panics() {
    let dir = tempfile::tempdir().unwrap();
    // A real export with its middle overwritten, as a bad disk leaves it.
    let (mut store, names) = ledger();
    put(&mut store, &companies(&names));
    let broken = dir.path().join("目标企业.xlsx");
    export_companies(&store, &store.target_companies().unwrap(), &broken).unwrap();
    let mut bytes = std::fs::read(&broken).unwrap();
    let middle = bytes.len() / 3..bytes.len() * 2 / 3;
    bytes[middle].iter_mut().for_each(|b| *b = 0xA5);
    std::fs::write(&broken, &bytes).unwrap();
    let e = read_rows(&broken).expect_err("a damaged file");
    let said = e.text(Lang::Zh);
    assert!(
        said.contains("损坏") || said.contains("不是表格文件"),
        "{said}"
    );
    assert!(said.contains(".xlsx"), "it says what to do: {said}");
    // Bytes that are no spreadsheet at all.
    std::fs::write(&broken, b"PK\x03\x04 not really a zip").unwrap();
    let e = read_rows(&broken).expect_err("not a sheet");
    assert!(
        e.text(Lang::Zh).contains("不是表格文件"),
        "{}",
        e.text(Lang::Zh)
    );

    let foreign = dir.path().join("名单.csv");
    std::fs::write(&foreign, "姓名,电话\n王杰,138\n").unwrap();
    let e = read_rows(&foreign).expect_err("no header");
    assert!(
        e.text(Lang::Zh).contains("找不到表头"),
        "{}",
        e.text(Lang::Zh)
    );

    let empty = dir.path().join("空.csv");
    std::fs::write(&empty, "企业名称,所在城市\n").unwrap();
    let e = read_rows(&empty).expect_err("no rows");
    assert!(
        e.text(Lang::Zh).contains("没有企业行"),
        "{}",
        e.text(Lang::Zh)
    );
}

fn run(db: &Path, args: &[&str]) -> std::process::Output {
    zhaoshang()
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn targets_co_import_and_export_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), 200);
    let before = Store::open(&db).unwrap().target_company_count().unwrap();
    assert!(before > 0, "the demo brings target companies");
    let out = dir.path().join("目标企业.xlsx");
    let out_text = out.to_str().unwrap();
    let said = stdout_of_success(&run(&db, &["targets-co", "export", "--out", out_text]));
    assert!(
        said.contains(&format!("已导出 {before} 家目标企业")),
        "{said}"
    );

    let file = dir.path().join("新名单.csv");
    std::fs::write(
        &file,
        "企业名称,所在城市,优先级\n命令行新企业,成都,A\n坏企业,成都,Z\n",
    )
    .unwrap();
    let file_text = file.to_str().unwrap();
    let dry = run(&db, &["targets-co", "import", file_text, "--dry-run"]);
    assert!(!dry.status.success(), "a bad row fails the check");
    let dry = String::from_utf8_lossy(&dry.stderr);
    assert!(
        dry.contains("将新增 1 家，重复跳过 0 行，无法导入 1 行"),
        "{dry}"
    );
    assert!(dry.contains("第 3 行：优先级“Z”不是 A、B、C 之一"), "{dry}");
    assert_eq!(
        Store::open(&db).unwrap().target_company_count().unwrap(),
        before
    );

    // A bad row: nothing written unless asked to skip it, as for projects.
    let refused = run(&db, &["targets-co", "import", file_text]);
    assert!(!refused.status.success());
    let refused = String::from_utf8_lossy(&refused.stderr);
    assert!(refused.contains("未写入任何数据"), "{refused}");
    assert_eq!(
        Store::open(&db).unwrap().target_company_count().unwrap(),
        before
    );
    // Skipped: the good row is written, and the exit still says a row was refused.
    let done = run(&db, &["targets-co", "import", file_text, "--skip-bad-rows"]);
    assert!(!done.status.success());
    let done = String::from_utf8_lossy(&done.stderr);
    assert!(done.contains("已导入 1 家目标企业"), "{done}");
    let again = stdout_of_success(&run(&db, &["targets-co", "import", out_text]));
    assert!(
        again.contains(&format!("已导入 0 家目标企业，重复跳过 {before} 行")),
        "{again}"
    );
    assert_eq!(
        Store::open(&db).unwrap().target_company_count().unwrap(),
        before + 1
    );

    let broken = dir.path().join("坏.xlsx");
    std::fs::write(&broken, b"PK\x03\x04 not really a zip").unwrap();
    let failed = run(&db, &["targets-co", "import", broken.to_str().unwrap()]);
    assert!(!failed.status.success());
    let err = String::from_utf8_lossy(&failed.stderr);
    assert!(
        err.contains("不是表格文件") && !err.contains("panicked"),
        "{err}"
    );
}
