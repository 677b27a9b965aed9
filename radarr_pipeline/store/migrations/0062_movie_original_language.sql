-- The movie's original language (a language identifier such as 'french', as in values/languages.py); NULL when
-- unknown. Custom-format Language conditions with the value 'Original' compare it.
ALTER TABLE movies ADD COLUMN IF NOT EXISTS original_language VARCHAR;
