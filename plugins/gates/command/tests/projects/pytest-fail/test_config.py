def parse_port(address):
    return 80


def test_parse_port():
    port = parse_port("localhost:8080")
    assert port == 8080, "port should be parsed from the address"


def test_parse_host():
    assert "localhost" == "localhost"
