//! Bad input gets `path:line:col`, a non-zero exit, and no file changed.

mod common;

use common::{Site, apy_url};

fn assert_rejected(site: &Site, needle: &str) {
    let before = site.snapshot();
    let out = site.relais(&["sync"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(needle), "expected `{needle}` in:\n{stderr}");
    assert_eq!(site.snapshot(), before, "no file may change");
}

#[test]
fn broken_front_matter_names_the_line() {
    let site = Site::new(&["en"], "http://127.0.0.1:9");
    site.write(
        "posts/2024-01-01-x.md",
        "---\ntitle: \"Visite\ndate: [2024\n---\n\nCorps.\n",
    );
    assert_rejected(&site, "posts/2024-01-01-x.md:");
    let out = site.relais(&["sync"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("front matter"), "{stderr}");
}

#[test]
fn non_utf8_post_names_line_and_column() {
    let site = Site::new(&["en"], "http://127.0.0.1:9");
    std::fs::write(
        site.path().join("posts/2024-01-01-x.md"),
        b"---\ntitle: x\n---\n\nCaf\xe9 au lait.\n",
    )
    .unwrap();
    assert_rejected(&site, "posts/2024-01-01-x.md:5:4: not valid UTF-8");
}

#[test]
fn empty_post_is_rejected() {
    let site = Site::new(&["en"], "http://127.0.0.1:9");
    site.write("posts/2024-01-01-x.md", "");
    assert_rejected(&site, "posts/2024-01-01-x.md:1:1: the post is empty");
}

#[test]
fn missing_title_is_rejected() {
    let site = Site::new(&["en"], "http://127.0.0.1:9");
    site.write(
        "posts/2024-01-01-x.md",
        "---\ndate: 2024-01-01\n---\n\nCorps.\n",
    );
    assert_rejected(
        &site,
        "posts/2024-01-01-x.md:2:1: the front matter has no `title`",
    );
}

#[test]
fn a_syntax_error_in_a_human_edit_is_reported_never_replaced() {
    let site = Site::new(&["en"], &apy_url());
    site.write(
        "posts/2024-01-01-x.md",
        "---\ntitle: Visite\n---\n\nLa visite a eu lieu.\n\nUn second paragraphe.\n",
    );
    site.sync(&[]);
    let rel = "locales/en/posts/2024-01-01-x.ftl";
    let broken = site.read(rel).replacen("title =", "title = The { visit", 1);
    site.write(rel, &broken);
    let line = broken
        .lines()
        .position(|l| l.starts_with("title ="))
        .unwrap()
        + 1;
    assert_rejected(&site, &format!("{rel}:{line}:"));
}

#[test]
fn one_bad_post_does_not_stop_the_others() {
    let site = Site::new(&["en"], &apy_url());
    site.write("posts/2024-01-01-bad.md", "pas de front matter\n");
    site.write(
        "posts/2024-01-02-good.md",
        "---\ntitle: Bonjour\n---\n\nUne phrase.\n",
    );
    let out = site.relais(&["sync"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("posts/2024-01-01-bad.md:1:1:"), "{stderr}");
    assert!(
        site.path()
            .join("locales/en/posts/2024-01-02-good.ftl")
            .exists()
    );
}

#[test]
fn an_oversized_post_is_refused() {
    let site = Site::new(&["en"], "http://127.0.0.1:9");
    let body = "Une phrase assez longue pour remplir le fichier. ".repeat(100_000);
    site.write(
        "posts/2024-01-01-x.md",
        &format!("---\ntitle: Énorme\n---\n\n{body}\n"),
    );
    assert_rejected(
        &site,
        "posts/2024-01-01-x.md:1:1: the post is 4.9 MB; posts over 1 MB are refused",
    );
}

#[test]
fn a_binary_markdown_file_is_refused_and_other_files_are_left_alone() {
    let site = Site::new(&["en"], "http://127.0.0.1:9");
    std::fs::write(
        site.path().join("posts/photo.jpg"),
        [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10],
    )
    .unwrap();
    let out = site.relais(&["sync"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "a photo beside the posts is not a post"
    );
    std::fs::write(
        site.path().join("posts/2024-01-01-x.md"),
        [0x89, b'P', b'N', b'G', 0x0D, 0x0A],
    )
    .unwrap();
    assert_rejected(
        &site,
        "posts/2024-01-01-x.md:1:1: not valid UTF-8 (byte 0x89)",
    );
}

#[test]
fn configuration_mistakes_exit_2_with_a_position() {
    let site = Site::new(&["en"], "http://127.0.0.1:9");
    for (toml, needle) in [
        (
            "source = \"fr\"\ntargets = [\"en\"]\ncolour = \"blue\"\n[engine]\nkind = \"apertium\"\n",
            "relais.toml:3:1: unknown field `colour`",
        ),
        (
            "source = \"fr\"\ntargets = [\"en\"]\n[engine]\nkind = \"babelfish\"\n",
            "relais.toml:3:1: [engine]: unknown variant `babelfish`",
        ),
        (
            "source = \"fr\"\ntargets = [\"fr\"]\n[engine]\nkind = \"apertium\"\n",
            "relais.toml:2:1: `targets` must list at least one locale other than `source`",
        ),
    ] {
        site.write("relais.toml", toml);
        let before = site.snapshot();
        let out = site.relais(&["sync"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(needle), "expected `{needle}` in {stderr}");
        assert_eq!(site.snapshot(), before);
    }
}

/// Issue 13, item 5: a 500-byte YAML alias bomb in a post's front matter
/// (each level nine aliases of the one before) made `sync`, `check` and
/// `status` allocate until the process died; aliases are refused, naming
/// the line of the first one.
#[test]
fn a_yaml_alias_bomb_is_refused_with_its_line() {
    let site = Site::new(&["en"], "http://127.0.0.1:9");
    let mut yaml = String::from(
        "---\ntitle: Bombe\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h"]
        .iter()
        .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
    {
        let refs = vec![format!("*{prev}"); 9].join(",");
        yaml.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    yaml.push_str("---\n\nCorps.\n");
    site.write("posts/2024-01-01-x.md", &yaml);
    assert_rejected(&site, "posts/2024-01-01-x.md:4:");
    for command in [&["check"][..], &["status"]] {
        let out = site.relais(command);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stderr.contains("aliases") || stdout.contains("aliases"),
            "{command:?}: {stderr}{stdout}"
        );
    }
}

/// Issue 13, item 10: `draft: yes`, `draft: "yes"` and `draft: 1` were
/// taken as not a draft, and the post was sent (and billed); a draft is a
/// boolean, anything else is refused naming the line.
#[test]
fn a_draft_that_is_not_a_boolean_is_refused_with_its_line() {
    for value in ["yes", "\"yes\"", "1", "\"true\""] {
        let site = Site::new(&["en"], "http://127.0.0.1:9");
        site.write(
            "posts/2024-01-01-x.md",
            &format!("---\ntitle: Visite\ndraft: {value}\n---\n\nCorps.\n"),
        );
        assert_rejected(&site, "posts/2024-01-01-x.md:3:1: ");
    }
    let site = Site::new(&["en"], "http://127.0.0.1:9");
    site.write(
        "posts/2024-01-01-x.md",
        "+++\ntitle = \"Visite\"\ndraft = \"yes\"\n+++\n\nCorps.\n",
    );
    assert_rejected(&site, "posts/2024-01-01-x.md:3:1: ");
}

/// Issue 13, item 6: a post that is a symlink to `/dev/zero` was read until
/// the kernel killed relais, and a FIFO hung even `relais status`. Only
/// regular files are read, and never more than the size limit allows.
#[test]
fn special_files_are_refused_not_read() {
    let site = Site::new(&["en"], "http://127.0.0.1:9");
    std::os::unix::fs::symlink("/dev/zero", site.path().join("posts/2024-01-01-zero.md")).unwrap();
    let fifo = site.path().join("posts/2024-01-02-fifo.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    for command in [&["sync"][..], &["status"], &["check"]] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_relais"))
            .arg("-C")
            .arg(site.path())
            .args(command)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // A hang guard, not a measure: a FIFO nobody writes blocks forever.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while child.try_wait().unwrap().is_none() {
            if std::time::Instant::now() > deadline {
                child.kill().unwrap();
                panic!("{command:?} hung on a special file");
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let all = format!("{stderr}{stdout}");
        assert_ne!(out.status.code(), Some(0), "{command:?}: {all}");
        for name in ["2024-01-01-zero.md", "2024-01-02-fifo.md"] {
            assert!(
                all.contains(&format!("posts/{name}")) && all.contains("not a regular file"),
                "{command:?}: {all}"
            );
        }
    }
}
