//! The possible 撞单 a merge finds are the same whether the bundle is small (a look-up per
//! project) or a first full one (one read of every project, matched in memory).

use zhaoshang::domain::Project;
use zhaoshang::store::{Store, Write};
use zhaoshang::sync::{self, PossibleDuplicate};

fn project(name: &str, company: &str, credit_code: &str) -> Project {
    let mut p = Project::new(name);
    p.company = company.into();
    p.credit_code = credit_code.into();
    p
}

/// The pairs a preview of the officer's bundle shows the lead, as (incoming name, existing
/// name), for an officer who recorded `filler` unrelated projects besides the ones that
/// matter.
fn duplicates_seen(filler: usize) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().expect("dir");
    let mut lead = Store::open(&dir.path().join("lead.db")).expect("lead");
    let mut officer = Store::open(&dir.path().join("officer.db")).expect("officer");
    let by_code = project("锂电池项目", "甲公司", "91320500MA1ABCDE1X");
    let by_company = project("乙项目", "丙公司", "");
    let gone = project("已删除的项目", "丁公司", "91320500MA1ABCDE2Y");
    // A project both files hold under one id (typed into both from one list): not a 撞单.
    let shared = project("共同项目", "戊公司", "91320500MA1ABCDE1X");
    lead.write(&[
        Write::PutProject(by_code.clone()),
        Write::PutProject(by_company.clone()),
        Write::PutProject(gone.clone()),
        Write::PutProject(shared.clone()),
    ])
    .expect("lead's projects");
    lead.write(&[Write::DeleteProject(gone.id)])
        .expect("delete");

    let mut writes: Vec<Write> = (0..filler)
        .map(|i| Write::PutProject(project(&format!("其他项目{i}"), &format!("公司{i}"), "")))
        .collect();
    writes.extend(
        [
            project("电池二期", "另一家公司", "91320500MA1ABCDE1X"),
            // The store trims what is typed: the same investor and name.
            project(" 乙项目 ", " 丙公司 ", ""),
            project("名字一样", "", ""),
            project("删掉的那个", "丁公司", "91320500MA1ABCDE2Y"),
            shared,
        ]
        .map(Write::PutProject),
    );
    officer.write(&writes).expect("officer's projects");

    let (bytes, _) = sync::export_bundle(&mut officer, None, None).expect("export");
    let bundle = sync::read_bundle(&bytes, None).expect("read");
    let preview = sync::preview(&mut lead, &bundle).expect("preview");
    let mut seen: Vec<(String, String)> = preview
        .duplicates
        .into_iter()
        .map(|d: PossibleDuplicate| (d.incoming_name, d.existing_name))
        .collect();
    seen.sort();
    seen
}

#[test]
fn a_first_full_bundle_finds_the_same_possible_duplicates_as_a_small_one() {
    let expected = vec![
        ("乙项目".to_owned(), "乙项目".to_owned()),
        ("电池二期".to_owned(), "共同项目".to_owned()),
        ("电池二期".to_owned(), "锂电池项目".to_owned()),
    ];
    assert_eq!(duplicates_seen(3), expected, "a small bundle");
    // Past the store's threshold for one read of every project.
    assert_eq!(duplicates_seen(2_100), expected, "a first full bundle");
}
