pub fn parse_port(_address: &str) -> u16 {
    80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_port() {
        assert_eq!(parse_port("localhost:8080"), 8080);
    }

    #[test]
    fn parses_host() {
        assert_eq!("localhost", "localhost");
    }
}
