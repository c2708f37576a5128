"""Reading free text for the grader: cleaning, a lexicon, stemming, negation scope, sentences and clauses."""
