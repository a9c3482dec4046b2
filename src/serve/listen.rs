//! Connections: accepted from the listener, served by hyper with time
//! limits, stopped gracefully on Ctrl-C.
//!
//! A client must send a request's headers within [`Timeouts::header`]
//! (also the longest a kept-alive connection may stay idle: hyper starts
//! that clock when it waits for the next request's head) and its whole
//! body within [`Timeouts::body`]; otherwise the connection is closed, or
//! answered 408 when the headers came and the body is late. Without these,
//! a few sockets sending a byte a second hold the server forever
//! (axum's own `serve` sets no timer).

use super::Fail;
use super::i18n::Lang;
use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::time::Duration;
use tokio::net::TcpListener;

/// How long a client may take to send a request.
#[derive(Clone, Copy, Debug)]
pub struct Timeouts {
    /// The request line and headers; also the longest idle keep-alive.
    pub header: Duration,
    /// The whole body, counted from the end of the headers.
    pub body: Duration,
}

impl Default for Timeouts {
    /// 10 s for headers, 30 s for a body: a reviewer's form on a slow phone
    /// connection fits, a socket sending a byte a second does not.
    fn default() -> Timeouts {
        Timeouts {
            header: Duration::from_secs(10),
            body: Duration::from_secs(30),
        }
    }
}

/// How long connections still answering may finish after Ctrl-C.
const DRAIN: Duration = Duration::from_secs(10);

/// Serves `router` on `listener` until `stop` resolves, then lets open
/// connections finish (at most [`DRAIN`]).
pub async fn serve(
    listener: TcpListener,
    router: Router,
    timeouts: Timeouts,
    stop: impl Future<Output = ()>,
) {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(timeouts.header);
    let graceful = GracefulShutdown::new();
    let mut stop = std::pin::pin!(stop);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors and the like: wait, go on.
                    tracing::warn!("accepting a connection: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let service = TowerToHyperService::new(router.clone());
        let conn = http.serve_connection(TokioIo::new(stream), service);
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!("connection: {e}");
            }
        });
    }
    let _ = tokio::time::timeout(DRAIN, graceful.shutdown()).await;
}

/// Reads the whole body before the handler runs, within `timeouts.body`:
/// 408 when it is late. Bodies are forms and drafts, bounded by `limit`
/// (413 above it; each route's own, smaller limit still applies after).
pub async fn body_deadline(
    timeouts: Timeouts,
    limit: usize,
    request: Request,
    next: Next,
) -> Response {
    let (parts, body) = request.into_parts();
    let lang = Lang::of(&parts);
    let read = axum::body::to_bytes(body, limit);
    let bytes = match tokio::time::timeout(timeouts.body, read).await {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(_)) => {
            return Fail::new(StatusCode::PAYLOAD_TOO_LARGE, lang.t("too-large"))
                .in_lang(lang)
                .into_response();
        }
        Err(_) => {
            let mut response = Fail::new(StatusCode::REQUEST_TIMEOUT, lang.t("slow-body"))
                .in_lang(lang)
                .into_response();
            // The rest of the body may still be coming: do not read it.
            response.headers_mut().insert(
                axum::http::header::CONNECTION,
                axum::http::HeaderValue::from_static("close"),
            );
            return response;
        }
    };
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}
