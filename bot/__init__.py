"""The platform-neutral core of interview-bot: questions, grading, practice flow, scores and drills."""
