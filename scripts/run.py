"""`make run`: starts the assistant on 127.0.0.1 and stops every process on Ctrl-C."""

from __future__ import annotations

import signal
import sys
import time

from uitstroom.stack import Stack, latest_model


def main() -> int:
    stack = Stack(model=latest_model())
    print("Starten: actieserver, Rasa-server en chatpagina (dit duurt even)...", flush=True)
    stack.start()

    def shutdown(*_: object) -> None:
        print("\nStoppen...", flush=True)
        stack.stop()
        sys.exit(0)

    signal.signal(signal.SIGINT, shutdown)
    signal.signal(signal.SIGTERM, shutdown)
    try:
        seconds = stack.wait_ready(timeout=180)
    except (RuntimeError, TimeoutError) as error:
        print(f"Starten mislukt: {error}", file=sys.stderr)
        stack.stop()
        return 1
    print(f"Klaar na {seconds:.0f} s.")
    print(f"  Chat:        http://127.0.0.1:{stack.web_port}")
    print(f"  REST:        {stack.rasa_url}/webhooks/rest/webhook")
    print(f"  Logbestanden: {stack.log_dir}")
    print("Stoppen: Ctrl-C", flush=True)
    while True:
        for name, process in stack.processes.items():
            if process.poll() is not None:
                print(f"{name} is gestopt; zie {stack.log_dir}. Alles stopt nu.", file=sys.stderr)
                stack.stop()
                return 1
        time.sleep(1)


if __name__ == "__main__":
    sys.exit(main())
