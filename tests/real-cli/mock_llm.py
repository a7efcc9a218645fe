#!/usr/bin/env python3
"""A scripted LLM endpoint on 127.0.0.1 for the real agent CLIs (Python 3 standard library only).

    mock_llm.py [--port N] [--fail STATUS] [--log FILE] [--dump DIR]

Prints the port it listens on (one line on stdout), then serves until killed. It answers the
APIs of the five CLIs gump drives:

    POST /v1/messages                                   Anthropic Messages (claude)
    POST /v1/chat/completions                           OpenAI Chat Completions (qwen, opencode)
    POST /v1/responses                                  OpenAI Responses (codex)
    POST /v1beta/models/<m>:streamGenerateContent       Gemini (gemini), also :generateContent

The script is stateless, decided from the request alone, so auxiliary requests (a title, a
router) never shift it: a conversation that already holds a tool result, or a request offering
no writing tool, gets the text "done"; otherwise the reply is one call of the CLI's own writing
tool, found in the request's tool list, that creates hello.txt with "hello from mock\\n".
Every reply counts 120 input and 30 output tokens. `--fail 401` (or MOCK_LLM_FAIL=401) answers
every request with that status instead.
"""

import argparse
import json
import os
import re
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FILE_NAME = "hello.txt"
FILE_TEXT = "hello from mock\n"
FINAL_TEXT = "done"
INPUT_TOKENS = 120
OUTPUT_TOKENS = 30

# Where a CLI states its working directory in the system prompt or context (checked in order).
CWD_PATTERNS = [
    r"Primary working directory:\s*(/[^\s`'\"<>]+)",
    r"[Ww]orking directory:\s*(/[^\s`'\"<>]+)",
    r"current working directory(?: is)?:?\s*[`'\"]?(/[^\s`'\"<>]+)",
    r"working in the directory:?\s*[`'\"]?(/[^\s`'\"<>]+)",
    r"Workspace Directories:\**\s*\n\s*-\s*(/[^\s`'\"<>]+)",
    r"<cwd>(/[^<]+)</cwd>",
    r"\"cwd\":\s*\"(/[^\"]+)\"",
]


def new_id(prefix):
    return prefix + uuid.uuid4().hex[:24]


def strings_of(value, out):
    """Every string inside a parsed JSON value, so patterns see real newlines, not escapes."""
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        for v in value.values():
            strings_of(v, out)
    elif isinstance(value, list):
        for v in value:
            strings_of(v, out)
    return out


def working_dir(body_text):
    for pattern in CWD_PATTERNS:
        m = re.search(pattern, body_text)
        if m:
            return m.group(1).rstrip(".,;:)")
    return None


def target_path(body_text, absolute):
    cwd = working_dir(body_text)
    if absolute and cwd:
        return os.path.join(cwd, FILE_NAME)
    return FILE_NAME


# ---- choosing the writing tool from the offered tools ----------------------------------------

PATH_KEYS = ["file_path", "filePath", "path", "absolute_path", "target_file"]
CONTENT_KEYS = ["content", "contents", "text", "file_text"]


def schema_props(schema):
    if isinstance(schema, dict):
        props = schema.get("properties")
        if isinstance(props, dict):
            return props
    return {}


def write_call(tools, body_text):
    """tools: [(name, parameters schema)] -> (name, args) of a file-writing call, or None."""
    for name, schema in tools:
        if name.lower() not in ("write", "write_file", "writefile", "create_file"):
            continue
        props = schema_props(schema)
        path_key = next((k for k in PATH_KEYS if k in props), "file_path")
        content_key = next((k for k in CONTENT_KEYS if k in props), "content")
        return name, {path_key: target_path(body_text, True), content_key: FILE_TEXT}
    return None


# ---- per-API request inspection --------------------------------------------------------------


def anthropic_tools(body):
    return [(t.get("name", ""), t.get("input_schema")) for t in body.get("tools") or [] if isinstance(t, dict)]


def anthropic_has_result(body):
    for m in body.get("messages") or []:
        c = m.get("content") if isinstance(m, dict) else None
        if isinstance(c, list) and any(isinstance(b, dict) and b.get("type") == "tool_result" for b in c):
            return True
    return False


def chat_tools(body):
    out = []
    for t in body.get("tools") or []:
        f = t.get("function") if isinstance(t, dict) else None
        if isinstance(f, dict):
            out.append((f.get("name", ""), f.get("parameters")))
    return out


def chat_has_result(body):
    return any(isinstance(m, dict) and m.get("role") == "tool" for m in body.get("messages") or [])


def responses_has_result(body):
    items = body.get("input")
    if not isinstance(items, list):
        return False
    return any(
        isinstance(i, dict) and i.get("type") in ("function_call_output", "custom_tool_call_output")
        for i in items
    )


def gemini_tools(body):
    out = []
    for t in body.get("tools") or []:
        for f in (t.get("functionDeclarations") or []) if isinstance(t, dict) else []:
            schema = f.get("parameters") or f.get("parametersJsonSchema")
            out.append((f.get("name", ""), schema))
    return out


def gemini_has_result(body):
    for c in body.get("contents") or []:
        for p in (c.get("parts") or []) if isinstance(c, dict) else []:
            if isinstance(p, dict) and "functionResponse" in p:
                return True
    return False


def codex_call(body):
    """Codex: the apply_patch tool (custom/freeform or function) if offered, else a shell tool."""
    patch = "*** Begin Patch\n*** Add File: %s\n+%s*** End Patch\n" % (FILE_NAME, FILE_TEXT)
    shell = "printf 'hello from mock\\n' > %s" % FILE_NAME
    tools = [t for t in body.get("tools") or [] if isinstance(t, dict)]

    def tool_name(t):
        return t.get("name") or (t.get("function") or {}).get("name", "")

    by_name = {tool_name(t): t for t in tools}
    if "apply_patch" in by_name:
        t = by_name["apply_patch"]
        if t.get("type") == "custom":
            return {"type": "custom_tool_call", "name": "apply_patch", "input": patch}
        return {"type": "function_call", "name": "apply_patch", "arguments": json.dumps({"input": patch})}
    if "exec_command" in by_name:
        return {"type": "function_call", "name": "exec_command", "arguments": json.dumps({"cmd": shell})}
    if "shell_command" in by_name:
        return {"type": "function_call", "name": "shell_command", "arguments": json.dumps({"command": shell})}
    if "shell" in by_name:
        return {"type": "function_call", "name": "shell", "arguments": json.dumps({"command": ["bash", "-lc", shell]})}
    return None


# ---- the server ------------------------------------------------------------------------------


class Mock(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "mock-llm/1"

    def log_message(self, fmt, *args):  # quiet: the --log file says what happened
        pass

    # Reading and answering.

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            return self.rfile.read(length)
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            data = b""
            while True:
                size = int(self.rfile.readline().strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        return b""

    def send_json(self, status, obj):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def start_sse(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

    def sse(self, data, event=None):
        text = ("event: %s\n" % event if event else "") + "data: %s\n\n" % (
            data if isinstance(data, str) else json.dumps(data)
        )
        self.wfile.write(text.encode())
        self.wfile.flush()

    def record(self, entry):
        cfg = self.server.cfg
        if cfg.log:
            with self.server.lock, open(cfg.log, "a") as f:
                f.write(json.dumps(entry) + "\n")

    def do_GET(self):
        self.read_body()
        self.record({"method": "GET", "path": self.path, "status": 404})
        self.send_json(404, {"error": {"message": "not found: " + self.path}})

    def do_POST(self):
        raw = self.read_body()
        cfg = self.server.cfg
        with self.server.lock:
            self.server.count += 1
            n = self.server.count
        if cfg.dump:
            os.makedirs(cfg.dump, exist_ok=True)
            with open(os.path.join(cfg.dump, "%03d.json" % n), "wb") as f:
                f.write(self.path.encode() + b"\n" + raw)
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = {}
        path = self.path.split("?")[0]
        api = None
        if path.endswith("/messages/count_tokens"):
            api = "anthropic-count"
        elif path.endswith("/messages"):
            api = "anthropic"
        elif path.endswith("/chat/completions"):
            api = "chat"
        elif path.endswith("/responses"):
            api = "responses"
        elif ":streamGenerateContent" in path:
            api = "gemini-stream"
        elif ":generateContent" in path:
            api = "gemini"
        elif ":countTokens" in path:
            api = "gemini-count"
        entry = {"n": n, "method": "POST", "path": self.path, "api": api}
        if api is None:
            entry["status"] = 404
            self.record(entry)
            return self.send_json(404, {"error": {"message": "not found: " + self.path}})
        if cfg.fail:
            entry["status"] = cfg.fail
            self.record(entry)
            return self.fail(api, cfg.fail)
        try:
            text = "\n".join(strings_of(body, []))
            reply = getattr(self, "api_" + api.replace("-", "_"))(body, text)
        except (BrokenPipeError, ConnectionResetError):
            reply = "client went away"
        entry["status"] = 200
        entry["reply"] = reply
        self.record(entry)

    def fail(self, api, status):
        reason = {401: "invalid api key", 403: "forbidden", 429: "rate limited"}.get(status, "server error")
        if api.startswith("anthropic"):
            kind = {401: "authentication_error", 403: "permission_error", 429: "rate_limit_error"}.get(
                status, "api_error"
            )
            return self.send_json(status, {"type": "error", "error": {"type": kind, "message": reason}})
        if api.startswith("gemini"):
            state = {401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 429: "RESOURCE_EXHAUSTED"}.get(status, "INTERNAL")
            return self.send_json(status, {"error": {"code": status, "message": reason, "status": state}})
        code = {401: "invalid_api_key"}.get(status, "server_error")
        return self.send_json(
            status, {"error": {"message": reason, "type": "invalid_request_error", "code": code}}
        )

    # Anthropic Messages.

    def api_anthropic_count(self, body, text):
        self.send_json(200, {"input_tokens": INPUT_TOKENS})
        return "count"

    def api_anthropic(self, body, text):
        model = body.get("model", "claude-sonnet-4-5")
        call = None if anthropic_has_result(body) else write_call(anthropic_tools(body), text)
        if call:
            block = {"type": "tool_use", "id": new_id("toolu_"), "name": call[0], "input": call[1]}
            stop = "tool_use"
        else:
            block = {"type": "text", "text": FINAL_TEXT}
            stop = "end_turn"
        usage = {"input_tokens": INPUT_TOKENS, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0}
        message = {
            "id": new_id("msg_"),
            "type": "message",
            "role": "assistant",
            "model": model,
            "content": [],
            "stop_reason": None,
            "stop_sequence": None,
            "usage": dict(usage, output_tokens=1),
        }
        if not body.get("stream"):
            message.update(content=[block], stop_reason=stop, usage=dict(usage, output_tokens=OUTPUT_TOKENS))
            self.send_json(200, message)
            return describe(call)
        self.start_sse()
        self.sse({"type": "message_start", "message": message}, "message_start")
        if call:
            start = dict(block, input={})
            delta = {"type": "input_json_delta", "partial_json": json.dumps(call[1])}
        else:
            start = {"type": "text", "text": ""}
            delta = {"type": "text_delta", "text": FINAL_TEXT}
        self.sse({"type": "content_block_start", "index": 0, "content_block": start}, "content_block_start")
        self.sse({"type": "content_block_delta", "index": 0, "delta": delta}, "content_block_delta")
        self.sse({"type": "content_block_stop", "index": 0}, "content_block_stop")
        self.sse(
            {
                "type": "message_delta",
                "delta": {"stop_reason": stop, "stop_sequence": None},
                "usage": {"output_tokens": OUTPUT_TOKENS},
            },
            "message_delta",
        )
        self.sse({"type": "message_stop"}, "message_stop")
        return describe(call)

    # OpenAI Chat Completions.

    def api_chat(self, body, text):
        model = body.get("model", "test-model")
        call = None if chat_has_result(body) else write_call(chat_tools(body), text)
        cid, created = new_id("chatcmpl-"), int(time.time())
        usage = {"prompt_tokens": INPUT_TOKENS, "completion_tokens": OUTPUT_TOKENS,
                 "total_tokens": INPUT_TOKENS + OUTPUT_TOKENS}
        tool_calls = None
        if call:
            tool_calls = [{"index": 0, "id": new_id("call_"), "type": "function",
                           "function": {"name": call[0], "arguments": json.dumps(call[1])}}]
        finish = "tool_calls" if call else "stop"

        def chunk(delta, finish_reason=None, with_usage=False):
            c = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": model,
                 "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}]}
            if with_usage:
                c["usage"] = usage
            return c

        if not body.get("stream"):
            msg = {"role": "assistant", "content": None if call else FINAL_TEXT}
            if tool_calls:
                msg["tool_calls"] = [{k: v for k, v in t.items() if k != "index"} for t in tool_calls]
            self.send_json(200, {"id": cid, "object": "chat.completion", "created": created, "model": model,
                                 "choices": [{"index": 0, "message": msg, "finish_reason": finish}],
                                 "usage": usage})
            return describe(call)
        self.start_sse()
        if call:
            self.sse(chunk({"role": "assistant", "content": None, "tool_calls": tool_calls}))
        else:
            self.sse(chunk({"role": "assistant", "content": ""}))
            self.sse(chunk({"content": FINAL_TEXT}))
        self.sse(chunk({}, finish))
        # The usage chunk (stream_options.include_usage): no choices, as the API sends it.
        self.sse({"id": cid, "object": "chat.completion.chunk", "created": created, "model": model,
                  "choices": [], "usage": usage})
        self.sse("[DONE]")
        return describe(call)

    # OpenAI Responses (codex).

    def api_responses(self, body, text):
        model = body.get("model", "gpt-5.5")
        call = None if responses_has_result(body) else codex_call(body)
        rid = new_id("resp_")
        if call:
            item = dict(call, id=new_id("ctc_" if call["type"] == "custom_tool_call" else "fc_"),
                        call_id=new_id("call_"), status="completed")
        else:
            item = {"type": "message", "id": new_id("msg_"), "role": "assistant", "status": "completed",
                    "content": [{"type": "output_text", "text": FINAL_TEXT, "annotations": []}]}
        usage = {"input_tokens": INPUT_TOKENS, "input_tokens_details": {"cached_tokens": 0},
                 "output_tokens": OUTPUT_TOKENS, "output_tokens_details": {"reasoning_tokens": 0},
                 "total_tokens": INPUT_TOKENS + OUTPUT_TOKENS}
        response = {"id": rid, "object": "response", "created_at": int(time.time()), "model": model,
                    "status": "in_progress", "output": []}
        if not body.get("stream"):
            self.send_json(200, dict(response, status="completed", output=[item], usage=usage))
            return describe_codex(call)
        self.start_sse()
        seq = iter(range(1000))
        self.sse({"type": "response.created", "sequence_number": next(seq), "response": response},
                 "response.created")
        self.sse({"type": "response.output_item.added", "sequence_number": next(seq), "output_index": 0,
                  "item": dict(item, status="in_progress")}, "response.output_item.added")
        if not call:
            self.sse({"type": "response.output_text.delta", "sequence_number": next(seq), "item_id": item["id"],
                      "output_index": 0, "content_index": 0, "delta": FINAL_TEXT}, "response.output_text.delta")
        self.sse({"type": "response.output_item.done", "sequence_number": next(seq), "output_index": 0,
                  "item": item}, "response.output_item.done")
        self.sse({"type": "response.completed", "sequence_number": next(seq),
                  "response": dict(response, status="completed", output=[item], usage=usage)},
                 "response.completed")
        return describe_codex(call)

    # Gemini.

    def gemini_reply(self, body, text):
        model = self.path.split("/models/")[-1].split(":")[0]
        call = None if gemini_has_result(body) else write_call(gemini_tools(body), text)
        if call:
            parts = [{"functionCall": {"name": call[0], "args": call[1]}}]
        else:
            parts = [{"text": FINAL_TEXT}]
        return call, {
            "candidates": [{"content": {"role": "model", "parts": parts}, "finishReason": "STOP", "index": 0}],
            "usageMetadata": {"promptTokenCount": INPUT_TOKENS, "candidatesTokenCount": OUTPUT_TOKENS,
                              "totalTokenCount": INPUT_TOKENS + OUTPUT_TOKENS},
            "modelVersion": model,
            "responseId": new_id("r"),
        }

    def api_gemini(self, body, text):
        call, reply = self.gemini_reply(body, text)
        self.send_json(200, reply)
        return describe(call)

    def api_gemini_stream(self, body, text):
        call, reply = self.gemini_reply(body, text)
        self.start_sse()
        self.sse(reply)
        return describe(call)

    def api_gemini_count(self, body, text):
        self.send_json(200, {"totalTokens": INPUT_TOKENS})
        return "count"


def describe(call):
    return "tool:%s %s" % (call[0], json.dumps(call[1])) if call else "text"


def describe_codex(call):
    return "tool:%s" % call["name"] if call else "text"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--fail", type=int, default=int(os.environ.get("MOCK_LLM_FAIL") or 0),
                        help="answer every request with this HTTP status")
    parser.add_argument("--log", help="append one JSON line per request to this file")
    parser.add_argument("--dump", help="save every request body in this directory")
    cfg = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", cfg.port), Mock)
    server.daemon_threads = True
    server.cfg = cfg
    server.lock = threading.Lock()
    server.count = 0
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
