//! Character budgets for paid engines: per run and per month.

mod common;

use common::Site;
use common::fake::Fake;

const KEY: &str = "budget-test-key:fx";

fn site(fake: &Fake, budget: &str) -> Site {
    let site = Site::with_engine(
        &["en"],
        &format!(
            "kind = \"deepl\"\nurl = \"{}\"\nkey_env = \"RELAIS_BUDGET_KEY\"\n{budget}",
            fake.url
        ),
    );
    site.set_env("RELAIS_BUDGET_KEY", KEY);
    site
}

#[test]
fn a_run_over_its_budget_sends_nothing() {
    let fake = Fake::deepl(KEY);
    let s = site(&fake, "budget_run = 500\n");
    s.write_posts(20, 2);
    let out = s.relais(&["sync"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("characters to deepl, over budget_run = 500: nothing was sent"),
        "{stderr}"
    );
    assert_eq!(fake.requests("/v2/translate"), 0);
    // Syncing one post fits.
    let (doc, code) = s.json(&["sync", "posts/2024-01-01-article-0"]);
    assert_eq!(code, 0, "{doc:#}");
    assert!(fake.requests("/v2/translate") > 0);
}

#[test]
fn the_month_budget_counts_earlier_runs() {
    let fake = Fake::deepl(KEY);
    let s = site(&fake, "budget_month = 2000\n");
    s.write_posts(5, 2);
    let (first, code) = s.json(&["sync"]);
    assert_eq!(code, 0, "{first:#}");
    let used = first["characters"].as_u64().unwrap();
    assert!(used > 500 && used < 2000, "{used}");
    for i in 5..30 {
        s.write(&format!("posts/2024-02-{:02}-plus-{i}.md", i % 28 + 1), &format!("---\ntitle: \"Encore un article {i}\"\n---\n\nUn paragraphe de plus, le numéro {i}, pour dépasser le budget du mois.\n"));
    }
    let before = fake.requests("/v2/translate");
    let out = s.relais(&["sync"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{used} of budget_month = 2000 are already used")),
        "{stderr}"
    );
    assert_eq!(fake.requests("/v2/translate"), before);
}
