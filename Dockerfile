# interview-bot: the bot and its question packs in a slim image, running as a non-root user.
# Build:  docker build -t interview-bot .
# Run:    docker run --rm -it -v interview-bot-data:/data interview-bot practice
#         docker run -d -e TELEGRAM_TOKEN=... -v interview-bot-data:/data interview-bot telegram
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DATABASE_URL=sqlite+aiosqlite:////data/interview-bot.db

RUN groupadd --system bot && useradd --system --gid bot --home-dir /home/bot --create-home bot \
    && mkdir -p /data && chown bot:bot /data

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY content ./content
COPY adapters ./adapters
COPY storage ./storage
COPY interview_bot ./interview_bot
RUN pip install . && interview-bot content lint

USER bot
VOLUME ["/data"]
ENTRYPOINT ["interview-bot"]
CMD ["--help"]
