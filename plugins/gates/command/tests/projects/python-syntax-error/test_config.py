import unittest

from config import parse_port


class ConfigTest(unittest.TestCase):
    def test_parse_port(self):
        self.assertEqual(parse_port("localhost:8080"), 8080)


if __name__ == "__main__":
    unittest.main()
