# A sample Gemini call with problems: run "Gemini: Validate Gemini Call" on it.
from google import genai
from google.genai import types

client = genai.Client()

response = client.models.generate_content(
    model="gemini-1.5-flash",
    contents="Summarize the attached report in three bullet points.",
    config=types.GenerateContentConfig(
        temperature=3.0,
        top_p=1.5,
        candidate_count=9,
    ),
)
print(response.text)
