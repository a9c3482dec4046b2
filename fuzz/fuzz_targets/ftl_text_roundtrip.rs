//! Any text written as a Fluent message value parses back to the same text,
//! and any input to the Fluent reader never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use relais::fluent::ftl::{self, Message, Resource};
use relais::fluent::pattern::Pattern;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let res = Resource {
        comment: None,
        messages: vec![Message {
            id: "m".into(),
            comment: None,
            group: None,
            value: Some(Pattern::text(text)),
            attributes: vec![],
        }],
    };
    let (back, errors) = ftl::parse(&ftl::write(&res));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(back.messages[0].value, Some(Pattern::text(text)));
    let _ = ftl::parse(text);
});
