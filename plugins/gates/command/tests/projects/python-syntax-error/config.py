def parse_port(address):
    host, port = address.split(":"
    return int(port)
