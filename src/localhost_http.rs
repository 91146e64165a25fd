//! A minimal HTTP/1.1 client over `std::net::TcpStream` for the command line's `provision`: plain `http://` to this
//! machine only (`localhost`, `127.0.0.1`, `[::1]`). Provisioning sends a server admin's password; CouchDB's admin
//! interface belongs on the server itself (or behind an SSH tunnel, `ssh -L 5984:localhost:5984 host`), so the
//! password never crosses a network and the command line needs no TLS stack. Native only (feature `cli`).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// A server address accepted by [`parse_local_url`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalServer {
    pub host: String,
    pub port: u16,
    /// Path prefix without a trailing `/` (empty for the root).
    pub prefix: String,
}

/// Parses `http://localhost:5984[/prefix]`; anything that is not plain http to this machine is refused with the
/// reason.
pub fn parse_local_url(url: &str) -> Result<LocalServer, String> {
    let url = url.trim().trim_end_matches('/');
    let rest = url.strip_prefix("http://").ok_or_else(|| {
        format!("--server {url}: use http://localhost:PORT on the CouchDB machine (or through an SSH tunnel); https and remote hosts are not supported by provision")
    })?;
    let (authority, prefix) = match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].to_string()),
        None => (rest, String::new()),
    };
    if authority.contains('@') {
        return Err(format!("--server {url}: no user or password in the URL (use --admin and MATTRATHAN_ADMIN_PASSWORD)"));
    }
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (h, p) = v6.split_once(']').ok_or_else(|| format!("--server {url}: bad IPv6 address"))?;
        (h.to_string(), p.strip_prefix(':').unwrap_or(""))
    } else {
        match authority.split_once(':') {
            Some((h, p)) => (h.to_string(), p),
            None => (authority.to_string(), ""),
        }
    };
    if !matches!(host.as_str(), "localhost" | "127.0.0.1" | "::1") {
        return Err(format!("--server {url}: only localhost, 127.0.0.1 or [::1] (run provision on the CouchDB machine or through an SSH tunnel)"));
    }
    let port = if port.is_empty() { 80 } else { port.parse().map_err(|_| format!("--server {url}: bad port \"{port}\""))? };
    Ok(LocalServer { host, port, prefix })
}

/// Sends one request with an optional `Authorization` header and JSON body; returns the status and the body text.
pub fn request(
    server: &LocalServer,
    method: &str,
    path: &str,
    authorization: Option<&str>,
    body: Option<&str>,
) -> Result<(u16, String), String> {
    let address = if server.host == "::1" { format!("[::1]:{}", server.port) } else { format!("{}:{}", server.host, server.port) };
    let mut stream = TcpStream::connect(&address).map_err(|e| format!("cannot connect to {address}: {e}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(30))).map_err(|e| e.to_string())?;
    let body = body.unwrap_or("");
    let mut head = format!(
        "{method} {}{path} HTTP/1.1\r\nHost: {address}\r\nAccept: application/json\r\nConnection: close\r\n",
        server.prefix
    );
    if let Some(auth) = authorization {
        head.push_str(&format!("Authorization: {auth}\r\n"));
    }
    if method != "GET" {
        head.push_str(&format!("Content-Type: application/json\r\nContent-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(body.as_bytes())).map_err(|e| e.to_string())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).map_err(|e| format!("reading the answer from {address}: {e}"))?;
    parse_response(&raw)
}

/// Splits a raw HTTP/1.1 response into status and body (decoding `Transfer-Encoding: chunked`).
pub fn parse_response(raw: &[u8]) -> Result<(u16, String), String> {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").ok_or("incomplete HTTP answer")?;
    let head = String::from_utf8_lossy(&raw[..split]);
    let mut body = raw[split + 4..].to_vec();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| format!("bad HTTP status line: {}", head.lines().next().unwrap_or("")))?;
    let chunked = head.lines().any(|l| {
        let l = l.to_ascii_lowercase();
        l.starts_with("transfer-encoding:") && l.contains("chunked")
    });
    if chunked {
        let mut out = Vec::new();
        let mut rest = &body[..];
        loop {
            let line_end = rest.windows(2).position(|w| w == b"\r\n").ok_or("bad chunked body")?;
            let size_text = String::from_utf8_lossy(&rest[..line_end]);
            let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
                .map_err(|_| "bad chunk size")?;
            rest = &rest[line_end + 2..];
            if size == 0 {
                break;
            }
            if rest.len() < size {
                return Err("truncated chunked body".into());
            }
            out.extend_from_slice(&rest[..size]);
            rest = rest.get(size + 2..).unwrap_or(&[]);
        }
        body = out;
    }
    Ok((status, String::from_utf8_lossy(&body).into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_http_to_this_machine() {
        let s = parse_local_url("http://127.0.0.1:5984/").unwrap();
        assert_eq!((s.host.as_str(), s.port, s.prefix.as_str()), ("127.0.0.1", 5984, ""));
        let s = parse_local_url("http://localhost/couch").unwrap();
        assert_eq!((s.port, s.prefix.as_str()), (80, "/couch"));
        assert_eq!(parse_local_url("http://[::1]:6000").unwrap().host, "::1");
        assert!(parse_local_url("https://couch.example.go.th").unwrap_err().contains("SSH tunnel"));
        assert!(parse_local_url("http://couch.example.go.th:5984").is_err());
        assert!(parse_local_url("http://admin:pw@localhost:5984").unwrap_err().contains("no user"));
        assert!(parse_local_url("http://localhost:port").is_err());
    }

    #[test]
    fn responses_plain_and_chunked() {
        let plain = b"HTTP/1.1 201 Created\r\nContent-Length: 11\r\n\r\n{\"ok\":true}";
        assert_eq!(parse_response(plain).unwrap(), (201, "{\"ok\":true}".to_string()));
        let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n";
        assert_eq!(parse_response(chunked).unwrap(), (200, "{\"a\":1}".to_string()));
        assert!(parse_response(b"HTTP/1.1 200").is_err());
    }
}
