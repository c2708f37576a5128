"""What a person does with the bot, one module a flow: practice, stats, leaderboard, daily, forget."""
