import unittest


def parse_port(address):
    return 80


class ConfigTest(unittest.TestCase):
    def test_parse_port(self):
        self.assertEqual(parse_port("localhost:8080"), 8080)

    def test_lookup_env(self):
        env = {"HOME": "/root"}
        self.assertTrue(env["GUMP_HOME"])

    def test_parse_host(self):
        self.assertEqual("localhost", "localhost")


if __name__ == "__main__":
    unittest.main()
