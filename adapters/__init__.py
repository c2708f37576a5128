"""Platform adapters: Telegram, Discord and the terminal. Each converts, calls the engine, renders."""
