//! `relais token add|list|remove`: who may use `relais serve`.

use crate::cli::TokenCommand;
use relais::base::error::{Error, Result};
use relais::serve::tokens::{self, Keyring};
use serde::Serialize;

#[derive(Serialize)]
struct Added<'a> {
    name: &'a str,
    role: tokens::Role,
    locales: &'a [String],
    token: &'a str,
    file: String,
}

pub(crate) fn run(command: &TokenCommand, json: bool) -> Result<u8> {
    let path = tokens::default_path().ok_or_else(|| {
        Error::Config("no place for tokens: set RELAIS_TOKENS (a file) or HOME".into())
    })?;
    match command {
        TokenCommand::Add {
            role,
            locales,
            name,
        } => {
            for l in locales {
                l.parse::<unic_langid::LanguageIdentifier>()
                    .map_err(|_| Error::Config(format!("--locale {l}: not a locale")))?;
            }
            let token = tokens::add(&path, name, (*role).into(), locales)?;
            if json {
                super::print_json(&Added {
                    name: name.trim(),
                    role: (*role).into(),
                    locales,
                    token: &token,
                    file: path.display().to_string(),
                });
            } else {
                super::print_out(&format!("{token}\n"));
                eprintln!(
                    "token for {} stored as a hash in {}: hand it over now, it is not shown again",
                    name.trim(),
                    path.display()
                );
            }
            Ok(0)
        }
        TokenCommand::List => {
            let ring = tokens::list(&path)?;
            if json {
                super::print_json(&ring);
            } else {
                super::print_out(&listing(&ring));
            }
            Ok(0)
        }
        TokenCommand::Remove { name } => {
            if tokens::remove(&path, name)? {
                eprintln!("removed the token of {name}");
                Ok(0)
            } else {
                eprintln!("error: no token for {name} in {}", path.display());
                Ok(1)
            }
        }
    }
}

fn listing(ring: &Keyring) -> String {
    let mut out = String::new();
    for t in &ring.tokens {
        let role = format!("{:?}", t.role).to_lowercase();
        out.push_str(&format!(
            "{:<24} {:<9} {:<10} {}\n",
            t.name,
            role,
            t.locales.join(","),
            t.created
        ));
    }
    if ring.tokens.is_empty() {
        out.push_str("no tokens\n");
    }
    out
}
