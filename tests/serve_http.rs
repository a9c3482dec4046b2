//! `relais serve` over HTTP, in process: every endpoint refuses what it
//! must (no session 303/401, wrong locale or role 403, missing CSRF 403,
//! path traversal 400, oversized body 413), escapes what people and
//! machines wrote, and changes the site through the same library code and
//! files as the commands.

mod common;
#[path = "common/web.rs"]
mod web;

use axum::http::{StatusCode, header};
use common::Site;
use web::{Browser, Web, multipart};

const POST: &str = "posts/2024-06-18-inepe-rapport-alternatif-equateur";
const DEAD_ENGINE: &str = "http://127.0.0.1:9";

fn web() -> Web {
    Web::new(Site::committed(DEAD_ENGINE))
}

/// id → state of every message of a resource in a locale, from `relais status`-like
/// library reads.
fn states(site: &Site, resource: &str, locale: &str) -> Vec<(String, String)> {
    let cfg = relais::base::config::Config::load(site.path()).unwrap();
    let loc = locale.parse().unwrap();
    let s = relais::review::view::Site::load(&cfg, &[resource.to_string()], &[loc]);
    let view = &s.views[0];
    s.entries(view)
        .iter()
        .map(|e| (e.id().to_string(), e.state.to_string()))
        .collect()
}

/// No script in the page but the project's own file (the shortcuts).
fn only_our_script(body: &str) -> bool {
    body.matches("<script").count()
        == body
            .matches("<script src=\"/static/relais.js\" defer></script>")
            .count()
}

fn first_in(site: &Site, resource: &str, locale: &str, state: &str) -> String {
    states(site, resource, locale)
        .into_iter()
        .find(|(_, s)| s == state)
        .unwrap_or_else(|| panic!("no {state} message in {resource}"))
        .0
}

#[tokio::test]
async fn every_page_and_action_needs_a_session() {
    let w = web();
    let before = w.site.snapshot();
    for path in [
        "/",
        &format!("/review/en/{POST}"),
        &format!("/preview/en/{POST}"),
        "/submit",
    ] {
        let r = w.get(path, None).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(r.location(), "/login", "{path}");
    }
    for path in [
        format!("/edit/en/{POST}"),
        format!("/approve/en/{POST}"),
        format!("/accept/en/{POST}"),
        "/logout".to_string(),
    ] {
        let r = w.post(&path, None, &[("csrf", "x"), ("all", "1")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}");
    }
    let forged = Browser {
        cookie: "relais_session=relais_forged".into(),
        csrf: "x".into(),
    };
    assert_eq!(
        w.get("/", Some(&forged)).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(w.site.snapshot(), before, "nothing written");
}

#[tokio::test]
async fn signing_in_takes_a_known_token_and_the_forms_csrf() {
    let w = web();
    let form = w.get("/login", None).await;
    let csrf = web::csrf_of(&form.body);
    let cookie = web::set_cookie(&form, "relais_login").unwrap();
    let post = |fields: Vec<(&'static str, String)>, with_cookie: bool| {
        let body = web::form_body(
            &fields
                .iter()
                .map(|(k, v)| (*k, v.as_str()))
                .collect::<Vec<_>>(),
        );
        let mut r = axum::http::Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if with_cookie {
            r = r.header(header::COOKIE, format!("relais_login={cookie}"));
        }
        r.body(axum::body::Body::from(body)).unwrap()
    };
    let claire = w.tokens["Claire Martin"].clone();
    let r = w.send(post(vec![("token", claire.clone())], true)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "no CSRF token");
    let r = w
        .send(post(
            vec![("csrf", csrf.clone()), ("token", claire.clone())],
            false,
        ))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "no CSRF cookie");
    let r = w
        .send(post(
            vec![("csrf", csrf.clone()), ("token", "relais_00".into())],
            true,
        ))
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let build = w.tokens["Site build"].clone();
    let r = w
        .send(post(vec![("csrf", csrf.clone()), ("token", build)], true))
        .await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "a reader token opens no pages"
    );
    let r = w
        .send(post(vec![("csrf", csrf), ("token", claire)], true))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(web::set_cookie(&r, "relais_session").is_some());
}

#[tokio::test]
async fn the_dashboard_shows_the_reviewers_locales_with_progress() {
    let w = web();
    let claire = w.login("Claire Martin").await;
    let r = w.get("/?lang=en", Some(&claire)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains(&format!("href=\"/review/en/{POST}\"")),
        "{}",
        r.body
    );
    assert!(
        !r.body.contains("/review/es/"),
        "Claire reviews English only"
    );
    assert!(
        r.body.contains("<progress max=\"18\" value=\"0\">"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("18 of 18 approved"),
        "the KEOOGO post is finished"
    );
    assert!(r.body.contains("<html lang=\"en\">"));
    assert_eq!(web::set_cookie(&r, "relais_lang").as_deref(), Some("en"));
    // Issue 14, deliverable 5: the title is the way in, what needs review
    // first and newest first, finished posts can be hidden, each post has
    // its preview.
    let title_link = format!("<h2><a href=\"/review/en/{POST}\">");
    assert!(r.body.contains(&title_link), "{}", r.body);
    assert!(r.body.contains(&format!("href=\"/preview/en/{POST}\"")));
    let finished = "posts/2024-06-06-keoogo-dispensaire-trottoir";
    let at = |body: &str, what: &str| body.find(&format!("<code>{what}</code>")).unwrap();
    assert!(at(&r.body, POST) < at(&r.body, finished), "finished last");
    let hidden = w.get("/?lang=en&hide=finished", Some(&claire)).await;
    assert!(!hidden.body.contains(finished), "{}", hidden.body);
    assert!(hidden.body.contains(POST));
    assert!(
        hidden.body.contains("Show the 3 finished too"),
        "{}",
        hidden.body
    );
    let ana = w.login("Ana Pérez").await;
    let r = w.get("/", Some(&ana)).await;
    assert!(r.body.contains(&format!("href=\"/review/es/{POST}\"")));
    assert!(!r.body.contains("/review/en/"));
    assert!(r.body.contains("<html lang=\"fr\">"), "French by default");
    let headers = &r.headers;
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(
        csp.contains("default-src 'none'")
            && csp.contains("script-src 'self';")
            && !csp.contains("unsafe"),
        "{csp}"
    );
    assert_eq!(headers[header::X_FRAME_OPTIONS], "DENY");
}

/// Issue 19: a site of many posts is shown fifty a page, every resource
/// on one of the pages; what this server writes shows at once, what
/// changes outside it at the next look at every file.
#[tokio::test]
async fn a_large_site_is_shown_fifty_posts_a_page_and_kept_up_to_date() {
    let site = Site::committed("http://127.0.0.1:9");
    site.write_posts(120, 1);
    let w = Web::new(site);
    let cfg = relais::base::config::Config::load(w.site.path()).unwrap();
    let resources = relais::source::read::list(&cfg, &[]).0.len();
    assert!(resources > 120, "{resources}");
    let pages = resources.div_ceil(50);
    let claire = w.login("Claire Martin").await;
    let cards = |body: &str| body.matches("<li class=\"card\">").count();
    let first = w.get("/?lang=en", Some(&claire)).await;
    assert_eq!(cards(&first.body), 50);
    assert!(
        first.body.contains(&format!("Page 1 of {pages}")),
        "{}",
        first.body
    );
    assert!(first.body.contains("<a rel=\"next\" href=\"/?page=2\">"));
    assert!(!first.body.contains("rel=\"prev\""));
    let mut seen = std::collections::BTreeSet::new();
    for n in 1..=pages {
        let page = w.get(&format!("/?page={n}"), Some(&claire)).await;
        assert_eq!(page.status, StatusCode::OK);
        for code in page.body.split("<p class=\"path\"><code>").skip(1) {
            seen.insert(code.split('<').next().unwrap().to_string());
        }
    }
    assert_eq!(seen.len(), resources, "every resource on one page");
    let past = w.get("/?lang=en&page=99", Some(&claire)).await;
    assert!(
        past.body.contains(&format!("Page {pages} of {pages}")),
        "the last page"
    );

    // What is approved here shows at once on the dashboard.
    let card = |body: &str| -> String {
        let at = body
            .find(&format!("<code>{POST}</code>"))
            .expect("on page 1");
        body[at..at + body[at..].find("</li>").unwrap()].to_string()
    };
    assert!(
        card(&first.body).contains("18 to review"),
        "{}",
        card(&first.body)
    );
    let approved = w.http.approve_all(&format!("en/{POST}"), &claire).await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER, "{}", approved.body);
    let after = w.get("/?lang=en", Some(&claire)).await;
    assert!(
        !card(&after.body).contains("18 to review"),
        "{}",
        card(&after.body)
    );
}

#[tokio::test]
async fn a_reviewer_is_refused_other_locales_and_writers_pages() {
    let w = web();
    let claire = w.login("Claire Martin").await;
    let id = first_in(&w.site, POST, "es", "machine");
    let before = w.site.snapshot();
    assert_eq!(
        w.get(&format!("/review/es/{POST}"), Some(&claire))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        w.get(&format!("/preview/es/{POST}"), Some(&claire))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    for action in ["edit", "approve", "accept"] {
        let r = w
            .act(
                &format!("/{action}/es/{POST}"),
                &claire,
                &[("id", &id), ("value", "x")],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{action}");
    }
    let r = w
        .act(&format!("/approve/es/{POST}"), &claire, &[("all", "1")])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(
        w.get(&format!("/review/de/{POST}"), Some(&claire))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        w.get("/review/en/posts/no-such-post", Some(&claire))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        w.get("/submit", Some(&claire)).await.status,
        StatusCode::FORBIDDEN
    );
    let lea = w.login("Léa Writer").await;
    assert_eq!(
        w.get(&format!("/review/en/{POST}"), Some(&lea))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let r = w
        .act(&format!("/approve/en/{POST}"), &lea, &[("all", "1")])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(w.site.snapshot(), before, "nothing written");
}

#[tokio::test]
async fn forms_without_the_sessions_csrf_token_are_refused() {
    let w = web();
    let claire = w.login("Claire Martin").await;
    let id = first_in(&w.site, POST, "en", "machine");
    let before = w.site.snapshot();
    for (action, fields) in [
        ("edit", vec![("id", id.as_str()), ("value", "Changed")]),
        ("approve", vec![("all", "1")]),
        ("approve", vec![("id", id.as_str())]),
        ("accept", vec![("id", id.as_str())]),
    ] {
        let path = format!("/{action}/en/{POST}");
        let r = w.post(&path, Some(&claire), &fields).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{action} without a token");
        let mut wrong = vec![("csrf", "relais_wrong")];
        wrong.extend(fields.iter().copied());
        let r = w.post(&path, Some(&claire), &wrong).await;
        assert_eq!(
            r.status,
            StatusCode::FORBIDDEN,
            "{action} with another token"
        );
    }
    let ana = w.login("Ana Pérez").await;
    let r = w
        .post(
            &format!("/approve/en/{POST}"),
            Some(&claire),
            &[("csrf", &ana.csrf), ("all", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "another session's token");
    assert_eq!(
        w.post("/logout", Some(&claire), &[]).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(w.site.snapshot(), before, "nothing written");
    let r = w.act("/logout", &claire, &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        w.get("/", Some(&claire)).await.location(),
        "/login",
        "signed out"
    );
}

#[tokio::test]
async fn paths_with_dot_dot_or_absolute_are_refused() {
    let w = web();
    let claire = w.login("Claire Martin").await;
    let build = w.tokens["Site build"].clone();
    for bad in [
        "posts/../../relais.toml",
        "posts/%2e%2e/%2e%2e/relais.toml",
        "..%2F..%2Frelais.toml",
        "%2Fetc%2Fpasswd",
        "posts//x",
        "posts/.hidden",
    ] {
        let r = w.get(&format!("/review/en/{bad}"), Some(&claire)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "review {bad}");
        let r = w.get(&format!("/preview/en/{bad}"), Some(&claire)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "preview {bad}");
        let r = w
            .act(&format!("/approve/en/{bad}"), &claire, &[("all", "1")])
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "approve {bad}");
        let r = w
            .act(
                &format!("/edit/en/{bad}"),
                &claire,
                &[("id", "title"), ("value", "x")],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "edit {bad}");
        let r = w
            .pull(&format!("/api/export/{bad}"), Some(&build), None)
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "export {bad}");
    }
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let w = web();
    let claire = w.login("Claire Martin").await;
    let id = first_in(&w.site, POST, "en", "machine");
    let before = w.site.snapshot();
    let huge = "a".repeat(relais::serve::FORM_LIMIT + 1);
    let r = w
        .act(
            &format!("/edit/en/{POST}"),
            &claire,
            &[("id", &id), ("value", &huge)],
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    let lea = w.login("Léa Writer").await;
    let big = format!(
        "---\ntitle: Gros\n---\n\n{}\n",
        "mot ".repeat(relais::serve::DRAFT_LIMIT / 4)
    );
    let (body, ct) = multipart(&[
        ("csrf", None, &lea.csrf),
        ("name", None, "2025-01-01-gros"),
        ("text", None, &big),
    ]);
    let r = w
        .send(
            axum::http::Request::post("/submit")
                .header(header::CONTENT_TYPE, ct)
                .header(header::COOKIE, &lea.cookie)
                .body(axum::body::Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body);
    assert_eq!(w.site.snapshot(), before, "nothing written");
}

#[tokio::test]
async fn what_posts_and_people_write_is_shown_as_text() {
    let w = web();
    w.site.write(
        "posts/2025-06-01-essai.md",
        "---\ntitle: \"Essai <img src=x onerror=alert(1)>\"\n---\n\nAvant <script>alert(\"fr\")</script> après.\n\n[lien](javascript:alert(2))\n",
    );
    let res = "posts/2025-06-01-essai";
    let claire = w.login("Claire Martin").await;
    let dash = w.get("/", Some(&claire)).await;
    assert!(
        dash.body
            .contains("Essai &lt;img src=x onerror=alert(1)&gt;"),
        "{}",
        dash.body
    );
    assert!(!dash.body.contains("<img"));
    let page = w.get(&format!("/review/en/{res}"), Some(&claire)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(only_our_script(&page.body), "{}", page.body);
    assert!(
        page.body.contains("&lt;script&gt;alert("),
        "the French's raw HTML shows as text: {}",
        page.body
    );
    let id = "p-avant-script-alert-fr";
    let typed = "Before <script>alert(\"en\")</script> after.";
    let r = w
        .act(
            &format!("/edit/en/{res}"),
            &claire,
            &[("id", id), ("value", typed)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let ftl = w.site.read(&format!("locales/en/{res}.ftl"));
    assert!(ftl.contains(typed), "{ftl}");
    let page = w.get(&format!("/review/en/{res}"), Some(&claire)).await;
    assert!(only_our_script(&page.body), "{}", page.body);
    assert!(
        page.body
            .contains("&lt;script&gt;alert(&quot;en&quot;)&lt;/script&gt;")
            || page
                .body
                .contains("&lt;script&gt;alert(\"en\")&lt;/script&gt;"),
        "{}",
        page.body
    );
    let preview = w.get(&format!("/preview/en/{res}"), Some(&claire)).await;
    assert_eq!(preview.status, StatusCode::OK);
    assert!(only_our_script(&preview.body), "{}", preview.body);
    assert!(!preview.body.contains("javascript:"), "{}", preview.body);
    assert!(
        preview.body.contains("Before &lt;script&gt;"),
        "{}",
        preview.body
    );
}

#[tokio::test]
async fn an_edit_is_checked_then_written_like_a_hand_edit() {
    let w = web();
    let claire = w.login("Claire Martin").await;
    let bundle = "locales/en/site.ftl";
    let before = w.site.read(bundle);
    // A lost placeable: refused, nothing written, the typed text kept.
    let r = w
        .act(
            "/edit/en/site",
            &claire,
            &[
                ("id", "read-more-label"),
                ("value", "Read more about the post"),
            ],
        )
        .await;
    // Post/Redirect/Get: back to the message, where the page says why,
    // once, in the page's words, and keeps what was typed.
    assert_eq!(r.location(), "/review/en/site");
    let page = w.follow(&r, &claire).await;
    assert_eq!(page.status, StatusCode::OK);
    let said = "La variable $title du français a disparu de la traduction";
    assert_eq!(
        page.body.matches(said).count(),
        2,
        "summary and field: {}",
        page.body
    );
    assert!(
        !page.body.contains("from the French is missing"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("Read more about the post</textarea>"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("aria-invalid=\"true\" aria-describedby=\"err-read-more-label\" autofocus"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("class=\"error-summary\""),
        "{}",
        page.body
    );
    // A reload keeps the typed text and the error.
    let again = w.get("/review/en/site", Some(&claire)).await;
    assert!(again.body.contains("Read more about the post</textarea>"));
    let r = w
        .act(
            "/edit/en/site?lang=en",
            &claire,
            &[("id", "read-more-label"), ("value", "Read { $title")],
        )
        .await;
    let page = w.follow(&r, &claire).await;
    assert!(
        page.body
            .contains("A brace “{” is not closed by “}”, line 1, column"),
        "Fluent syntax error, in words: {}",
        page.body
    );
    assert!(!page.body.contains("Expected a token"), "{}", page.body);
    assert_eq!(w.site.read(bundle), before);
    // A good edit: written, parsed back, state edited, editor in the history.
    let typed = "Read the rest of “{ $title }”";
    let r = w
        .act(
            "/edit/en/site",
            &claire,
            &[("id", "read-more-label"), ("value", typed)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/review/en/site");
    let (res, errors) = relais::fluent::ftl::parse(&w.site.read(bundle));
    assert!(errors.is_empty());
    let m = res
        .messages
        .iter()
        .find(|m| m.id == "read-more-label")
        .unwrap();
    assert_eq!(
        relais::fluent::ftl::write_pattern(m.value.as_ref().unwrap()),
        format!(" {typed}")
    );
    let state = w.site.read("review/en/site.json");
    assert!(state.contains("\"by\": \"Claire Martin\""), "{state}");
    let (status, _) = w.site.json(&["status"]);
    let row = status["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["resource"] == "site" && r["locale"] == "en")
        .unwrap();
    assert_eq!(row["counts"]["edited"], 1, "{row:#}");
    let page = w.get("/review/en/site", Some(&claire)).await;
    assert!(
        page.body.contains("read-more-label enregistré (modifié)"),
        "{}",
        page.body
    );
    let check = w.site.relais(&["check", "--locale", "en"]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[tokio::test]
async fn approvals_carry_the_tokens_name() {
    let w = web();
    let claire = w.login("Claire Martin").await;
    let id = first_in(&w.site, POST, "en", "machine");
    let r = w
        .act(&format!("/approve/en/{POST}"), &claire, &[("id", &id)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let state = w.site.read(&format!("review/en/{POST}.json"));
    assert!(state.contains("\"reviewer\": \"Claire Martin\""), "{state}");
    let awa = w.login("Awa Ouédraogo").await;
    // Approve all asks first: the form alone approves nothing.
    let before = w.site.snapshot();
    let r = w
        .act(&format!("/approve/en/{POST}"), &awa, &[("all", "1")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), format!("/approve-all/en/{POST}"));
    assert_eq!(
        w.site.snapshot(),
        before,
        "nothing approved without the question"
    );
    let question = w.get(r.location(), Some(&awa)).await;
    assert!(
        question
            .body
            .contains("17 messages seraient approuvés, dont 14 traductions automatiques que personne n’a modifiées."),
        "{}",
        question.body
    );
    assert!(
        question
            .body
            .contains("Approuver les 17 messages, dont 14 traductions automatiques non modifiées"),
        "{}",
        question.body
    );
    let r = w.http.approve_all(&format!("en/{POST}"), &awa).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let all = states(&w.site, POST, "en");
    assert!(all.iter().all(|(_, s)| s == "approved"), "{all:?}");
    let page = w.get(&format!("/review/en/{POST}"), Some(&awa)).await;
    assert!(
        page.body.contains("17 messages approuvés : "),
        "{}",
        page.body
    );
    let (status, _) = w.site.json(&["stats"]);
    let text = status.to_string();
    assert!(
        text.contains("Awa Ouédraogo") && text.contains("Claire Martin"),
        "{text}"
    );
    let r = w
        .act(
            &format!("/approve/en/{POST}"),
            &awa,
            &[("id", "no-such-id")],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_stale_messages_suggestion_can_be_taken() {
    let site = common::handmade::ui_site();
    let w = Web::new(site);
    let claire = w.login("Claire Martin").await;
    let page = w.get("/review/en/site?lang=en", Some(&claire)).await;
    assert!(page.body.contains("Take the suggestion"), "{}", page.body);
    let r = w.act("/accept/en/site", &claire, &[("id", "donate")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let ftl = w.site.read("locales/en/site.ftl");
    assert!(
        ftl.contains("donate = Do a gift to sustain our local partners."),
        "{ftl}"
    );
    let r = w
        .act("/accept/en/site", &claire, &[("id", "welcome")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = w.get("/review/en/site?lang=en", Some(&claire)).await;
    assert!(
        page.body.contains("welcome non traité : no suggestion"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn the_preview_renders_the_translated_post() {
    let w = web();
    let claire = w.login("Claire Martin").await;
    let r = w
        .get(
            "/preview/en/posts/2024-06-06-keoogo-dispensaire-trottoir",
            Some(&claire),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body
            .contains("<article class=\"preview card\" lang=\"en\"><h1>"),
        "{}",
        r.body
    );
    assert!(r.body.contains("<p>"), "{}", r.body);
    assert!(
        !r.body.contains("dispensaire de trottoir"),
        "French left in {}",
        r.body
    );
    assert_eq!(
        w.get("/preview/en/site", Some(&claire)).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_writer_submits_a_draft_and_sees_errors_by_line() {
    let w = web();
    let lea = w.login("Léa Writer").await;
    let page = w.get("/submit", Some(&lea)).await;
    assert_eq!(page.status, StatusCode::OK);
    // Issue 14, deliverable 6: the empty form holds a front-matter template.
    assert!(
        page.body.contains(">---\ntitle: &quot;&quot;\ndate: 20"),
        "{}",
        page.body
    );
    let bad = "---\ntitle: \"La rentrée\ndate: [2024\n---\n\nLa rentrée <b>scolaire</b>.\n";
    let r = w
        .send(draft_request(
            &lea,
            vec![
                ("csrf", None, lea.csrf.clone()),
                ("name", None, String::new()),
                ("file", Some("2024-09-01-rentree.md"), bad.into()),
            ],
        ))
        .await;
    // Post/Redirect/Get: the draft and its error wait on the form.
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = w.follow(&r, &lea).await;
    assert!(
        page.body
            .contains("Le début de l’article (titre, date) ne se lit pas ligne 2"),
        "{}",
        page.body
    );
    assert_eq!(
        page.body.matches("role=\"alert\"").count(),
        1,
        "said once: {}",
        page.body
    );
    assert!(page.body.contains("<li class=\"bad\">"), "{}", page.body);
    assert!(!page.body.contains("<b>scolaire"), "escaped");
    assert!(
        page.body
            .contains("La rentrée &lt;b&gt;scolaire&lt;/b&gt;.\n</textarea>"),
        "kept: {}",
        page.body
    );
    assert!(!w.site.path().join("posts/2024-09-01-rentree.md").exists());
    // A missing title, in English: one sentence, in the page's language.
    let r = w
        .send(draft_request(
            &lea,
            vec![
                ("csrf", None, lea.csrf.clone()),
                ("name", None, "2024-09-01-rentree".into()),
                (
                    "text",
                    None,
                    "---\ndate: 2024-09-01\n---\n\nTexte.\n".into(),
                ),
            ],
        ))
        .await;
    let page = w.get("/submit?lang=en", Some(&lea)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        page.body.matches("The post has no title").count(),
        1,
        "{}",
        page.body
    );
    assert!(!page.body.contains("front matter has no"), "{}", page.body);
    let r = w
        .send(draft_request(
            &lea,
            vec![
                ("name", None, "2024-09-01-rentree".into()),
                ("text", None, "x".into()),
            ],
        ))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "no CSRF token");
    // No file name: made of the date and the title.
    let good = "---\ntitle: La rentrée à Quito\ndate: 2024-09-01\n---\n\nLa rentrée des classes a eu lieu.\n";
    let r = w
        .send(draft_request(
            &lea,
            vec![
                ("csrf", None, lea.csrf.clone()),
                ("name", None, String::new()),
                ("text", None, good.into()),
            ],
        ))
        .await;
    assert_eq!(r.location(), "/submit?done=2024-09-01-la-rentree-a-quito");
    assert_eq!(w.site.read("posts/2024-09-01-la-rentree-a-quito.md"), good);
    assert!(
        w.site
            .path()
            .join("locales/fr/posts/2024-09-01-la-rentree-a-quito.ftl")
            .exists(),
        "synced (extracted) even though the engine is unreachable"
    );
    let page = w.follow(&r, &lea).await;
    assert!(
        page.body
            .contains("La traduction automatique n’a pas pu se faire"),
        "the engine failure is shown: {}",
        page.body
    );
    assert!(
        page.body
            .contains("href=\"/post/2024-09-01-la-rentree-a-quito\""),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("<ul class=\"mine\"><li>"),
        "the writer's posts: {}",
        page.body
    );
    let preview = w
        .get("/post/2024-09-01-la-rentree-a-quito", Some(&lea))
        .await;
    assert_eq!(preview.status, StatusCode::OK);
    assert!(
        preview
            .body
            .contains("<p>La rentrée des classes a eu lieu.</p>"),
        "{}",
        preview.body
    );
    // The same name again: a question, nothing replaced until answered.
    let r = w
        .send(draft_request(
            &lea,
            vec![
                ("csrf", None, lea.csrf.clone()),
                ("name", None, "2024-09-01-la-rentree-a-quito".into()),
                ("text", None, good.replace("eu lieu", "bien eu lieu")),
            ],
        ))
        .await;
    let page = w.follow(&r, &lea).await;
    assert!(
        page.body
            .contains("Le remplacer par cette nouvelle version ?"),
        "{}",
        page.body
    );
    assert_eq!(w.site.read("posts/2024-09-01-la-rentree-a-quito.md"), good);
}

/// A multipart post to `/submit` from `who`'s browser.
fn draft_request(
    who: &Browser,
    fields: Vec<(&'static str, Option<&'static str>, String)>,
) -> axum::http::Request<axum::body::Body> {
    let f: Vec<(&str, Option<&str>, &str)> = fields
        .iter()
        .map(|(a, b, c)| (*a, *b, c.as_str()))
        .collect();
    let (body, ct) = multipart(&f);
    axum::http::Request::post("/submit")
        .header(header::CONTENT_TYPE, ct)
        .header(header::COOKIE, &who.cookie)
        .body(axum::body::Body::from(body))
        .unwrap()
}

/// Issue 14, deliverable 6: a writer sends a new version of their post
/// through the page; it syncs like a changed post — a reviewer's edit is
/// kept and becomes stale with a suggestion, relais's own text is redone.
#[tokio::test]
async fn a_writers_new_version_keeps_a_reviewers_edit() {
    let w = Web::new(Site::committed(&common::apy_url()));
    let lea = w.login("Léa Writer").await;
    let claire = w.login("Claire Martin").await;
    let first = "---\ntitle: Visite à Quito\ndate: 2025-06-01\n---\n\nLes enfants ont visité le musée.\n\nLe soir, ils ont chanté.\n";
    let r = w
        .send(draft_request(
            &lea,
            vec![
                ("csrf", None, lea.csrf.clone()),
                ("text", None, first.into()),
            ],
        ))
        .await;
    let slug = "2025-06-01-visite-a-quito";
    assert_eq!(r.location(), format!("/submit?done={slug}"));
    let res = format!("posts/{slug}");
    let ids: Vec<String> = states(&w.site, &res, "en")
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let (museum, evening) = (
        ids.iter().find(|i| i.contains("enfants")).unwrap().clone(),
        ids.iter().find(|i| i.contains("soir")).unwrap().clone(),
    );
    let machine_evening = text_in(&w.site, &format!("locales/en/{res}.ftl"), &evening);
    // Claire fixes the museum sentence.
    let typed = "The children visited the museum.";
    let r = w
        .act(
            &format!("/edit/en/{res}"),
            &claire,
            &[("id", &museum), ("value", typed)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // Léa sends a new version changing both sentences: asked, then replaced.
    let second = first
        .replace("visité le musée", "visité le grand musée")
        .replace("ils ont chanté", "ils ont dansé");
    let r = w
        .send(draft_request(
            &lea,
            vec![
                ("csrf", None, lea.csrf.clone()),
                ("name", None, slug.into()),
                ("text", None, second.clone()),
            ],
        ))
        .await;
    let page = w.follow(&r, &lea).await;
    let seen = hidden_value(&page.body, "replace");
    let r = w
        .send(draft_request(
            &lea,
            vec![
                ("csrf", None, lea.csrf.clone()),
                ("name", None, slug.into()),
                ("text", None, second.clone()),
                ("replace", None, seen),
            ],
        ))
        .await;
    assert_eq!(r.location(), format!("/submit?done={slug}"), "{}", r.body);
    assert_eq!(w.site.read(&format!("{res}.md")), second);
    let bundle = format!("locales/en/{res}.ftl");
    assert_eq!(
        text_in(&w.site, &bundle, &museum),
        typed,
        "the reviewer's edit is kept"
    );
    let now = states(&w.site, &res, "en");
    let state = |id: &str| now.iter().find(|(i, _)| i == id).map(|(_, s)| s.clone());
    assert_eq!(state(&museum).as_deref(), Some("stale"), "{now:?}");
    let record = w.site.read(&format!("review/en/{res}.json"));
    assert!(record.contains("suggestion"), "{record}");
    assert_ne!(
        text_in(&w.site, &bundle, &evening),
        machine_evening,
        "relais's own text is redone"
    );
    let page = w.get(&format!("/review/en/{res}"), Some(&claire)).await;
    assert!(page.body.contains(typed), "{}", page.body);
}

/// The value of the hidden field `name` in a page.
fn hidden_value(html: &str, name: &str) -> String {
    let at = html
        .find(&format!("name=\"{name}\" value=\""))
        .unwrap_or_else(|| panic!("no field {name}: {html}"));
    let rest = &html[at + name.len() + 15..];
    rest[..rest.find('"').unwrap()].to_string()
}

#[tokio::test]
async fn the_site_build_pulls_the_export_with_etags() {
    let w = web();
    let build = w.tokens["Site build"].clone();
    let r = w.pull("/api/manifest.json", None, None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.headers.contains_key(header::WWW_AUTHENTICATE));
    let r = w
        .pull("/api/manifest.json", Some("relais_unknown"), None)
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let claire = w.tokens["Claire Martin"].clone();
    assert_eq!(
        w.pull("/api/manifest.json", Some(&claire), None)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let r = w.pull("/api/manifest.json", Some(&build), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let manifest: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let keoogo = common::find(
        &manifest["posts"],
        "slug",
        "2024-06-06-keoogo-dispensaire-trottoir",
    );
    assert_eq!(keoogo["locales"], serde_json::json!(["fr", "en", "es"]));
    let etag = r.headers[header::ETAG].to_str().unwrap().to_string();
    let again = w
        .pull("/api/manifest.json", Some(&build), Some(&etag))
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    // Per file, the same bytes `relais export` writes.
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("export");
    assert!(
        w.site
            .relais(&["export", "--out", dir.to_str().unwrap()])
            .status
            .success()
    );
    let en = keoogo["files"]["en"].as_str().unwrap();
    let r = w
        .pull(&format!("/api/export/{en}"), Some(&build), None)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body, std::fs::read_to_string(dir.join(en)).unwrap());
    let file_etag = r.headers[header::ETAG].to_str().unwrap().to_string();
    assert_eq!(
        w.pull(&format!("/api/export/{en}"), Some(&build), Some(&file_etag))
            .await
            .status,
        StatusCode::NOT_MODIFIED
    );
    // `?layout=`: the same files `relais export --layout` writes.
    let hugo = out.path().join("hugo");
    assert!(
        w.site
            .relais(&[
                "export",
                "--out",
                hugo.to_str().unwrap(),
                "--layout",
                "hugo"
            ])
            .status
            .success()
    );
    let m = w
        .pull("/api/manifest.json?layout=hugo", Some(&build), None)
        .await;
    let m: serde_json::Value = serde_json::from_str(&m.body).unwrap();
    let en_hugo = common::find(
        &m["posts"],
        "slug",
        "2024-06-06-keoogo-dispensaire-trottoir",
    )["files"]["en"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(en_hugo.starts_with("content/en/posts/"), "{en_hugo}");
    let r = w
        .pull(
            &format!("/api/export/{en_hugo}?layout=hugo"),
            Some(&build),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        r.body,
        std::fs::read_to_string(hugo.join(&en_hugo)).unwrap()
    );
    assert_eq!(
        w.pull("/api/manifest.json?layout=jekyll", Some(&build), None)
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        w.pull("/api/export/en/posts/nope.md", Some(&build), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let tar = w.pull("/api/export.tar", Some(&build), None).await;
    assert_eq!(tar.status, StatusCode::OK);
    assert_eq!(tar.headers[header::CONTENT_TYPE], "application/x-tar");
    // An approval changes the export: the old ETag no longer matches.
    let browser = w.login("Claire Martin").await;
    let r = w.http.approve_all(&format!("en/{POST}"), &browser).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = w
        .pull("/api/manifest.json", Some(&build), Some(&etag))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body
            .contains("\"2024-06-18-inepe-rapport-alternatif-equateur\"")
    );
    let m: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let inepe = common::find(
        &m["posts"],
        "slug",
        "2024-06-18-inepe-rapport-alternatif-equateur",
    );
    assert_eq!(inepe["locales"], serde_json::json!(["fr", "en"]));
}

#[tokio::test]
async fn a_removed_token_ends_its_sessions() {
    let w = web();
    let claire = w.login("Claire Martin").await;
    assert_eq!(w.get("/", Some(&claire)).await.status, StatusCode::OK);
    assert!(relais::serve::tokens::remove(&w.tokens_file, "Claire Martin").unwrap());
    assert_eq!(w.get("/", Some(&claire)).await.location(), "/login");
}

#[tokio::test]
async fn pages_speak_french_or_english() {
    let w = web();
    let claire = w.login("Claire Martin").await;
    let fr = w.get(&format!("/review/en/{POST}"), Some(&claire)).await;
    assert!(
        fr.body.contains("Approuver tout ce qui est valide"),
        "{}",
        fr.body
    );
    let mut r = axum::http::Request::get(format!("/review/en/{POST}"))
        .header(header::COOKIE, &claire.cookie)
        .header(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9,fr;q=0.5")
        .body(axum::body::Body::empty())
        .unwrap();
    let en = w.send(r).await;
    assert!(en.body.contains("Approve all valid"), "{}", en.body);
    r = axum::http::Request::get("/")
        .header(header::COOKIE, format!("{}; relais_lang=en", claire.cookie))
        .body(axum::body::Body::empty())
        .unwrap();
    assert!(w.send(r).await.body.contains("Translations to review"));
}

#[test]
fn the_token_command_prints_a_token_once_and_stores_its_hash() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tokens.toml");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_relais"))
            .args(args)
            .env("RELAIS_TOKENS", &file)
            .output()
            .unwrap()
    };
    let out = run(&[
        "token",
        "add",
        "--role",
        "reader",
        "--name",
        "Site build",
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let token = doc["token"].as_str().unwrap();
    let stored = std::fs::read_to_string(&file).unwrap();
    assert!(!stored.contains(token) && stored.contains(&relais::serve::tokens::hash(token)));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "only the owner reads the token file");
    }
    let list = run(&["token", "list"]);
    let listed = String::from_utf8_lossy(&list.stdout);
    assert!(
        listed.contains("Site build") && listed.contains("reader"),
        "{listed}"
    );
    assert!(!listed.contains(token));
    assert_eq!(
        run(&["token", "add", "--role", "writer", "--name", "Site build"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run(&["token", "add", "--role", "reviewer", "--name", "Ana"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run(&["token", "remove", "--name", "Site build"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        run(&["token", "remove", "--name", "Site build"])
            .status
            .code(),
        Some(1)
    );
}

/// Issue 13, item 7: a client that sends its headers or its body a byte at a
/// time is cut off (headers: the connection is closed; body: 408), while a
/// prompt request on another connection is answered meanwhile. Over a real
/// loopback socket, with short limits so the test does not wait long.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn item_7_slow_connections_are_closed() {
    use std::time::Duration;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let w = web();
    let timeouts = relais::serve::listen::Timeouts {
        header: Duration::from_millis(500),
        body: Duration::from_millis(800),
    };
    let mut opts = w.app.opts.clone();
    opts.timeouts = timeouts;
    let app = relais::serve::App::new(w.app.cfg.clone(), opts);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(relais::serve::listen::serve(
        listener,
        relais::serve::router(app),
        timeouts,
        async {
            let _ = stop_rx.await;
        },
    ));

    // Reads until the server closes; what it said. Bounded, so that a
    // server that never closes fails the test instead of hanging it.
    async fn until_closed(mut s: tokio::net::TcpStream, drip: &[u8]) -> Option<String> {
        let mut got = Vec::new();
        let mut buf = [0u8; 4096];
        let mut drip = drip.iter();
        for _ in 0..100 {
            if let Some(b) = drip.next() {
                // The server may already have closed: a failed write ends it too.
                let _ = s.write_all(&[*b]).await;
            }
            match tokio::time::timeout(Duration::from_millis(200), s.read(&mut buf)).await {
                Ok(Ok(0)) | Ok(Err(_)) => return Some(String::from_utf8_lossy(&got).into()),
                Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
                Err(_) => {}
            }
        }
        None
    }

    // Headers a byte every 200 ms: 100 bytes would take 20 s.
    let slow_head = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "GET /login HTTP/1.1\r\nHost: x\r\nX-Pad: {}\r\n\r\n",
        "a".repeat(80)
    );
    let head_task = tokio::spawn(async move { until_closed(slow_head, head.as_bytes()).await });

    // Headers at once, then a 100-byte body a byte every 200 ms.
    let mut slow_body = tokio::net::TcpStream::connect(addr).await.unwrap();
    slow_body
        .write_all(
            b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n",
        )
        .await
        .unwrap();
    let body_task = tokio::spawn(async move { until_closed(slow_body, &[b'a'; 100]).await });

    // Meanwhile a prompt browser is served.
    let mut prompt = tokio::net::TcpStream::connect(addr).await.unwrap();
    prompt
        .write_all(b"GET /login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = String::new();
    tokio::time::timeout(Duration::from_secs(20), prompt.read_to_string(&mut answer))
        .await
        .expect("the prompt request is answered")
        .unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");

    let head_said = head_task.await.unwrap().expect("a slow header is cut off");
    assert!(
        !head_said.contains(" 200 "),
        "no answer to headers that never ended: {head_said}"
    );
    let body_said = body_task.await.unwrap().expect("a slow body is cut off");
    assert!(
        body_said.starts_with("HTTP/1.1 408"),
        "a late body is answered 408: {body_said}"
    );
    assert!(
        body_said.contains("trop lentement"),
        "in French: {body_said}"
    );

    // An idle kept-alive connection is closed too.
    let mut idle = tokio::net::TcpStream::connect(addr).await.unwrap();
    idle.write_all(b"GET /login HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let idle_said = until_closed(idle, &[])
        .await
        .expect("an idle connection is closed");
    assert!(idle_said.starts_with("HTTP/1.1 200"), "{idle_said}");

    stop_tx.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(20), server)
        .await
        .expect("the server stops")
        .unwrap();
}

/// The `seen_source` and `seen` fields of message `id`'s edit form on a page.
fn seen_of(page: &str, id: &str) -> (String, String) {
    let card = &page[page.find(&format!("id=\"m-{id}\"")).expect("the card")..];
    let field = |name: &str| {
        let at = card.find(&format!("name=\"{name}\" value=\"")).expect(name) + name.len() + 15;
        card[at..at + card[at..].find('"').unwrap()].to_string()
    };
    (field("seen_source"), field("seen"))
}

/// Posts the edit form of message `id` as the page made it: the text typed,
/// what was seen, and the button pressed (`then`: `approve` or `save`).
async fn send_edit(
    w: &Web,
    who: &Browser,
    id: &str,
    value: &str,
    (seen_source, seen): &(String, String),
    then: &str,
) -> web::Reply {
    w.act(
        "/edit/en/site",
        who,
        &[
            ("id", id),
            ("value", value),
            ("seen_source", seen_source),
            ("seen", seen),
            ("then", then),
        ],
    )
    .await
}

/// The text of message `id` in a bundle, as Fluent source after `=`.
fn text_in(site: &Site, bundle: &str, id: &str) -> String {
    let (res, _) = relais::fluent::ftl::parse(&site.read(bundle));
    let m = res.messages.iter().find(|m| m.id == id).unwrap();
    relais::fluent::ftl::write_pattern(m.value.as_ref().unwrap())
        .trim()
        .to_string()
}

/// Issue 14, deliverable 1: with the editor open, a reviewer typed a fix and
/// pressed the message's approve button; the typed text was thrown away and
/// the machine text approved. Now approving is a button of the edit form:
/// what is in the editor is saved, then approved — that text and no other.
#[tokio::test]
async fn approving_with_the_editor_open_approves_the_typed_text() {
    let w = web();
    let claire = w.login("Claire Martin").await;
    let bundle = "locales/en/site.ftl";
    let id = first_in(&w.site, "site", "en", "machine");
    let page = w.get("/review/en/site", Some(&claire)).await;
    let (seen_source, seen) = seen_of(&page.body, &id);
    // The approve control sits in the edit form, beside "Enregistrer".
    let card = &page.body[page.body.find(&format!("id=\"m-{id}\"")).unwrap()..];
    let form = &card[card
        .find("<form method=\"post\" action=\"/edit/en/site\"")
        .unwrap()..];
    let form = &form[..form.find("</form>").unwrap()];
    assert!(form.contains("name=\"then\" value=\"approve\""), "{form}");
    assert!(form.contains("Enregistrer et approuver"), "{form}");

    let typed = "A reviewer’s own words";
    let r = send_edit(
        &w,
        &claire,
        &id,
        typed,
        &(seen_source.clone(), seen.clone()),
        "approve",
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        text_in(&w.site, bundle, &id),
        typed,
        "the typed text is written"
    );
    let now = states(&w.site, "site", "en");
    let state = &now.iter().find(|(m, _)| *m == id).unwrap().1;
    assert_eq!(state, "approved", "and it is what is approved");
    let record = w.site.read("review/en/site.json");
    assert!(record.contains(typed), "the approval's text: {record}");

    // A closed editor posts the text shown: that is approved as it is.
    let other = first_in(&w.site, "site", "en", "machine");
    let shown = text_in(&w.site, bundle, &other);
    let page = w.get("/review/en/site", Some(&claire)).await;
    let (seen_source, seen) = seen_of(&page.body, &other);
    let r = send_edit(
        &w,
        &claire,
        &other,
        &shown,
        &(seen_source.clone(), seen.clone()),
        "approve",
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let now = states(&w.site, "site", "en");
    assert_eq!(now.iter().find(|(m, _)| *m == other).unwrap().1, "approved");
    let page = w.get("/review/en/site", Some(&claire)).await;
    assert!(
        page.body.contains(&format!("Approuvé : {other}.")),
        "{}",
        page.body
    );
    assert!(
        !page.body.contains("texte inchangé"),
        "said once: {}",
        page.body
    );
}

/// Issue 14, deliverable 1: an approval or an edit of a message that
/// changed since the page was shown (a sync, another reviewer) writes
/// nothing; the page says so and keeps what was typed.
#[tokio::test]
async fn a_decision_on_a_text_changed_since_it_was_shown_writes_nothing() {
    let w = web();
    let claire = w.login("Claire Martin").await;
    let bundle = "locales/en/site.ftl";
    let id = first_in(&w.site, "site", "en", "machine");
    let page = w.get("/review/en/site", Some(&claire)).await;
    let (seen_source, seen) = seen_of(&page.body, &id);
    // Meanwhile, another reviewer changes the text.
    common::edit_message(&w.site, bundle, &id, "Another reviewer’s text");
    let before = w.site.snapshot();

    // Approve from the page shown before: nothing done, said.
    let r = w
        .act(
            "/approve/en/site",
            &claire,
            &[("id", &id), ("seen_source", &seen_source), ("seen", &seen)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(w.site.snapshot(), before, "nothing written");
    let page = w.get(r.location(), Some(&claire)).await;
    assert!(
        page.body.contains("a changé depuis l’affichage"),
        "{}",
        page.body
    );

    // Save and approve from the stale editor: nothing written, back to
    // the message with the typed text kept and the conflict said.
    let typed = "What Claire typed";
    let r = send_edit(
        &w,
        &claire,
        &id,
        typed,
        &(seen_source.clone(), seen.clone()),
        "approve",
    )
    .await;
    let r = w.follow(&r, &claire).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body.contains(&format!("{typed}</textarea>")),
        "{}",
        r.body
    );
    assert!(r.body.contains("rien n’a été enregistré"), "{}", r.body);
    assert_eq!(w.site.snapshot(), before, "nothing written");
    // The page shown with the conflict carries what is there now: sending
    // again from it goes through.
    let (seen_source, seen) = seen_of(&r.body, &id);
    let r = send_edit(
        &w,
        &claire,
        &id,
        typed,
        &(seen_source.clone(), seen.clone()),
        "save",
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(text_in(&w.site, bundle, &id), typed);
}

/// Issue 14, deliverable 2: approve all asks first, offering the edited
/// messages alone; an approval can be withdrawn from the page.
#[tokio::test]
async fn approve_all_offers_the_edited_ones_and_approvals_can_be_withdrawn() {
    let w = web();
    let claire = w.login("Claire Martin").await;
    let id = first_in(&w.site, POST, "en", "machine");
    let bundle = format!("locales/en/{POST}.ftl");
    common::edit_message(&w.site, &bundle, &id, "A reviewer’s words");
    let edited: Vec<String> = states(&w.site, POST, "en")
        .into_iter()
        .filter(|(_, s)| s == "edited")
        .map(|(m, _)| m)
        .collect();
    assert!(edited.len() > 1 && edited.contains(&id), "{edited:?}");
    let question = w
        .get(&format!("/approve-all/en/{POST}"), Some(&claire))
        .await;
    let offer = format!("Approuver les {} messages modifiés", edited.len());
    assert!(question.body.contains(&offer), "{}", question.body);
    let at = question
        .body
        .find("<form method=\"post\" action=\"/approve/")
        .unwrap();
    let r = w.http.submit(&question.body[at..], &claire).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let now = states(&w.site, POST, "en");
    for (m, state) in &now {
        if edited.contains(m) {
            assert_eq!(state, "approved", "{m}");
        } else {
            assert_ne!(state, "approved", "{m}: only the edited ones");
        }
    }
    // Withdrawn from the page: the card of an approved message has the form.
    let page = w.get(&format!("/review/en/{POST}"), Some(&claire)).await;
    let card = &page.body[page.body.find(&format!("id=\"m-{id}\"")).unwrap()..];
    let at = card
        .find("action=\"/unapprove/")
        .expect("a withdraw button");
    let form = &card[card[..at].rfind("<form").unwrap()..];
    assert!(form.contains("Retirer l’approbation"), "{form}");
    let r = w.http.submit(form, &claire).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let now = states(&w.site, POST, "en");
    assert_eq!(now.iter().find(|(m, _)| *m == id).unwrap().1, "edited");
}

/// Issue 14, deliverable 3 (part): `?show=todo` was dropped after every
/// action, and a reload of an action's address (GET `/edit/…`) was an
/// empty 405. The filter now travels with every form and comes back in
/// the redirect; a GET of an action goes back to the page.
#[tokio::test]
async fn the_to_review_filter_survives_actions_and_action_urls_lead_back() {
    let w = web();
    let claire = w.login("Claire Martin").await;
    let id = first_in(&w.site, "site", "en", "machine");
    let page = w.get("/review/en/site?show=todo", Some(&claire)).await;
    let card = &page.body[page.body.find(&format!("id=\"m-{id}\"")).unwrap()..];
    assert!(
        card.contains("<input type=\"hidden\" name=\"show\" value=\"todo\">"),
        "{card}"
    );
    assert!(
        page.body
            .contains("href=\"/approve-all/en/site?show=todo\""),
        "{}",
        page.body
    );
    let seen = seen_of(&page.body, &id);
    let r = w
        .act(
            "/edit/en/site",
            &claire,
            &[
                ("id", &id),
                ("value", "Kept in the filter"),
                ("seen_source", &seen.0),
                ("seen", &seen.1),
                ("show", "todo"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/review/en/site?show=todo");
    let r = w.get("/edit/en/site?show=todo", Some(&claire)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/review/en/site?show=todo");
    let r = w.get("/edit/en/site", Some(&claire)).await;
    assert_eq!(r.location(), "/review/en/site");
}

/// Issue 17, item 4: the review page shows each message's history, folded,
/// newest first, escaped.
#[tokio::test]
async fn the_page_shows_a_messages_history() {
    let w = web();
    let claire = w.login("Claire Martin").await;
    let typed = "Read <b>more</b> about “{ $title }”";
    let r = w
        .act(
            "/edit/en/site?lang=en",
            &claire,
            &[("id", "read-more-label"), ("value", typed)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = w.get("/review/en/site?lang=en", Some(&claire)).await;
    let card = &page.body[page.body.find("id=\"m-read-more-label\"").unwrap()..];
    let card = &card[..card.find("</article>").unwrap()];
    assert!(
        card.contains("<details class=\"history\"><summary>History ("),
        "{card}"
    );
    let edited = card
        .find("<strong>Edited</strong> — by Claire Martin")
        .expect("the edit, by whom");
    let machine = card
        .find("<strong>Machine translation</strong>")
        .expect("the machine text");
    assert!(edited < machine, "newest first: {card}");
    assert!(
        card.contains("Read &lt;b&gt;more&lt;/b&gt;"),
        "escaped: {card}"
    );
    assert!(!card.contains("<b>more"), "{card}");
    assert!(
        card.contains("Difference with the text now:"),
        "the machine text differs from the text now: {card}"
    );
}

/// Issue 17, item 1: a message whose French differs by one word from an
/// approved one is offered that translation (≥ 90 %, with the diff of the
/// French); *Use* puts it into the editor; an unrelated one gets none.
#[tokio::test]
async fn the_fuzzy_memory_offers_the_approved_translation_of_similar_french() {
    let w = web();
    let keoogo = "posts/2024-06-06-keoogo-dispensaire-trottoir";
    let fr = w.site.read(&format!("locales/fr/{keoogo}.ftl"));
    let line = fr
        .lines()
        .find(|l| l.starts_with("p-du-5-au-10 = "))
        .unwrap();
    let french = line.trim_start_matches("p-du-5-au-10 = ");
    let approved = text_in(&w.site, &format!("locales/en/{keoogo}.ftl"), "p-du-5-au-10");
    w.site.write(
        "posts/2025-08-01-suite.md",
        &format!(
            "---\ntitle: La suite\n---\n\n{}\n\nLe conseil d’administration se réunira en mars.\n",
            french.replace("trois monitrices", "quatre monitrices")
        ),
    );
    // No sync needed: the page reads the post itself.
    let ids: Vec<String> = states(&w.site, "posts/2025-08-01-suite", "en")
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let similar = ids
        .iter()
        .find(|i| i.starts_with("p-du-5"))
        .unwrap()
        .clone();
    let other = ids.iter().find(|i| i.contains("conseil")).unwrap().clone();
    let hand: String = ids
        .iter()
        .map(|id| format!("{id} = Draft English\n"))
        .collect();
    w.site.write("locales/en/posts/2025-08-01-suite.ftl", &hand);
    let claire = w.login("Claire Martin").await;
    let page = w
        .get("/review/en/posts/2025-08-01-suite?lang=en", Some(&claire))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let card = |body: &str, id: &str| {
        let at = body.find(&format!("id=\"m-{id}\"")).unwrap();
        let card = &body[at..];
        card[..card.find("</article>").unwrap()].to_string()
    };
    let c = card(&page.body, &similar);
    assert!(c.contains("Translation memory"), "{c}");
    let score: u32 = c[c.find("<p class=\"meta\">").unwrap() + 16..]
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(score >= 90, "{score}: {c}");
    assert!(
        c.contains("<del>") && c.contains("<ins>"),
        "the French's diff: {c}"
    );
    assert!(
        c.contains(&relais::serve::html::esc(&approved)),
        "the approved text: {c}"
    );
    assert!(
        !card(&page.body, &other).contains("Translation memory"),
        "unrelated: none"
    );
    // *Use*: the editor opens with the approved text.
    let used = w
        .get(
            &format!("/review/en/posts/2025-08-01-suite?lang=en&use=1&at={similar}"),
            Some(&claire),
        )
        .await;
    let c = card(&used.body, &similar);
    assert!(c.contains("<details open>"), "{c}");
    assert!(
        c.contains(&format!(
            "{}</textarea>",
            relais::serve::html::esc(&approved)
        )),
        "{c}"
    );
    assert!(!used.body.contains("error-summary"), "nothing was refused");
}

/// Issue 17, item 5: a comment from the page, escaped, counted on the
/// dashboard while open, resolved from the page.
#[tokio::test]
async fn a_comment_from_the_page_is_escaped_counted_and_resolved() {
    let w = web();
    let claire = w.login("Claire Martin").await;
    let r = w
        .act(
            "/comment/en/site",
            &claire,
            &[
                ("id", "read-more-label"),
                ("text", "<script>x</script> « Read on » ?"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = w.get("/review/en/site?lang=en", Some(&claire)).await;
    assert!(
        page.body
            .contains("&lt;script&gt;x&lt;/script&gt; « Read on » ?"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("<script>x"), "escaped");
    assert!(
        page.body.contains("Comments (1, one open)"),
        "{}",
        page.body
    );
    let dash = w.get("/?lang=en", Some(&claire)).await;
    assert!(dash.body.contains("one open comment"), "{}", dash.body);
    // The count leads to the messages with open comments, and only those.
    assert!(
        dash.body.contains("href=\"/review/en/site?show=comments\""),
        "{}",
        dash.body
    );
    let only = w
        .get("/review/en/site?show=comments&lang=en", Some(&claire))
        .await;
    assert_eq!(only.body.matches("<article ").count(), 1, "{}", only.body);
    assert!(
        only.body.contains("id=\"m-read-more-label\""),
        "{}",
        only.body
    );
    assert!(
        only.body
            .contains("<strong aria-current=\"page\">Only open comments</strong>"),
        "{}",
        only.body
    );
    // The filter travels with the forms of the page.
    assert!(
        only.body
            .contains("<input type=\"hidden\" name=\"show\" value=\"comments\">"),
        "{}",
        only.body
    );
    let r = w
        .act(
            "/resolve/en/site",
            &claire,
            &[("id", "read-more-label"), ("n", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = w.get("/review/en/site?lang=en", Some(&claire)).await;
    assert!(
        page.body.contains("resolved by Claire Martin"),
        "{}",
        page.body
    );
    let dash = w.get("/?lang=en", Some(&claire)).await;
    assert!(!dash.body.contains("open comment"), "{}", dash.body);
    let only = w
        .get("/review/en/site?show=comments&lang=en", Some(&claire))
        .await;
    assert_eq!(only.body.matches("<article ").count(), 0, "{}", only.body);
    assert!(only.body.contains("No open comment here."), "{}", only.body);
}

/// Issue 17, item 2: the search box — accents folded, the reviewer's
/// locales only, each message linked in its review page, filters kept in
/// the form, text escaped.
#[tokio::test]
async fn the_search_page_finds_messages_in_the_reviewers_locales() {
    let w = web();
    let claire = w.login("Claire Martin").await;
    let page = w.get("/search?lang=en", Some(&claire)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("role=\"search\""), "{}", page.body);
    assert!(
        !page.body.contains("found"),
        "nothing asked, nothing listed"
    );
    assert!(page.body.contains("href=\"/search\""), "in the navigation");

    let found = w
        .get("/search?lang=en&q=ECOLE+maternelle", Some(&claire))
        .await;
    assert_eq!(found.status, StatusCode::OK);
    assert!(found.body.contains("One message found."), "{}", found.body);
    assert!(
        found
            .body
            .contains("href=\"/review/en/posts/2024-06-06-keoogo-dispensaire-trottoir#m-"),
        "{}",
        found.body
    );
    assert!(found.body.contains("<mark>école</mark>"), "{}", found.body);
    assert!(
        !found.body.contains("/review/es/"),
        "Claire reviews en only"
    );
    assert!(
        found.body.contains("value=\"ECOLE maternelle\""),
        "the words stay in the box"
    );

    // Filters: a state, open comments (none yet), then one.
    let stale = w
        .get("/search?lang=en&q=ecole&state=stale", Some(&claire))
        .await;
    assert!(
        stale.body.contains("<option value=\"stale\" selected>"),
        "{}",
        stale.body
    );
    let none = w.get("/search?lang=en&comments=1", Some(&claire)).await;
    assert!(none.body.contains("No message found."), "{}", none.body);
    let r = w
        .act(
            "/comment/en/site",
            &claire,
            &[("id", "read-more"), ("text", "<b>court</b> ?")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let one = w.get("/search?lang=en&comments=1", Some(&claire)).await;
    assert!(one.body.contains("One message found."), "{}", one.body);
    assert!(one.body.contains("#m-read-more\""), "{}", one.body);
    assert!(
        one.body.contains("name=\"comments\" value=\"1\" checked"),
        "{}",
        one.body
    );

    // Another reviewer's locale, a reader: refused.
    let es = w.get("/search?locale=es&q=ecole", Some(&claire)).await;
    assert_eq!(es.status, StatusCode::FORBIDDEN);
    let ana = w.login("Ana Pérez").await;
    let es = w.get("/search?lang=en&q=maternelle", Some(&ana)).await;
    assert!(es.body.contains("/review/es/posts/"), "{}", es.body);
    assert!(!es.body.contains("/review/en/"), "{}", es.body);
    let escaped = w.get("/search?lang=en&q=%3Cscript%3E", Some(&claire)).await;
    assert!(!escaped.body.contains("<script>"), "{}", escaped.body);
    assert!(
        escaped.body.contains("value=\"&lt;script&gt;\""),
        "{}",
        escaped.body
    );
}

/// Issue 17, item 5: a writer sees what reviewers ask about the French of
/// their own posts (every locale), answers and resolves there; another
/// writer's post is refused; text escaped.
#[tokio::test]
async fn a_writer_sees_and_answers_the_comments_on_their_posts() {
    let w = web();
    let post = "posts/2024-06-06-keoogo-dispensaire-trottoir";
    w.site.write(
        "review/submitted.json",
        &format!("{{\"{post}\": [\"Léa Writer\"]}}\n"),
    );
    let id = "title".to_string();
    let lea = w.login("Léa Writer").await;
    let page = w.get("/submit?lang=en", Some(&lea)).await;
    assert!(!page.body.contains("id=\"questions\""), "nobody asked yet");

    let ana = w.login("Ana Pérez").await;
    let r = w
        .act(
            &format!("/comment/es/{post}"),
            &ana,
            &[
                ("id", &id),
                ("text", "¿« KEOOGO » <i>siempre</i> en mayúsculas ?"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = w.get("/submit?lang=en", Some(&lea)).await;
    assert!(
        page.body
            .contains("One question from reviewers about your posts"),
        "{}",
        page.body
    );
    assert!(page.body.contains("while reviewing “es”"), "{}", page.body);
    assert!(
        page.body
            .contains("¿« KEOOGO » &lt;i&gt;siempre&lt;/i&gt; en mayúsculas ?"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Ana Pérez"), "{}", page.body);

    // Léa answers: the reviewer sees the answer under the message.
    let r = w
        .act(
            "/question",
            &lea,
            &[
                ("resource", post),
                ("locale", "es"),
                ("id", &id),
                ("text", "Oui, c’est un sigle."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/submit#questions");
    let review = w
        .get(&format!("/review/es/{post}?lang=en"), Some(&ana))
        .await;
    assert!(
        review.body.contains("Oui, c’est un sigle."),
        "{}",
        review.body
    );
    assert!(review.body.contains("Léa Writer"), "{}", review.body);

    // Not her post, not a writer: refused, nothing written.
    let before = w.site.snapshot();
    let r = w
        .act(
            "/question",
            &lea,
            &[
                ("resource", POST),
                ("locale", "en"),
                ("id", "title"),
                ("text", "?"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = w
        .act(
            "/question",
            &ana,
            &[
                ("resource", post),
                ("locale", "es"),
                ("id", &id),
                ("n", "1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(w.site.snapshot(), before, "nothing written");

    // Resolved by the writer (the question, then her answer, each a
    // comment like on the review page): the question leaves her page.
    for n in ["1", "2"] {
        let r = w
            .act(
                "/question",
                &lea,
                &[("resource", post), ("locale", "es"), ("id", &id), ("n", n)],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let page = w.get("/submit?lang=en", Some(&lea)).await;
        assert_eq!(
            page.body.contains("id=\"questions\""),
            n == "1",
            "{}",
            page.body
        );
    }
}
