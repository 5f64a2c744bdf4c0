export const lettersTexts = {
  'nav.post': ['Post', 'Letters'],
  'post.title': ['Din post', 'Your letters'],
  'post.intro': [
    'Breve fra kommunen om dine børns pladser, betaling og afgørelser. Brevene sendes også til din digitale postkasse.',
    'Letters from the municipality about your children’s places, payment and decisions. They are also sent to your Digital Post.',
  ],
  'post.caption': ['Breve, nyeste først ({n})', 'Letters, newest first ({n})'],
  'post.none': ['Du har ingen breve.', 'You have no letters.'],
  'post.subject': ['Emne', 'Subject'],
  'post.date': ['Dato', 'Date'],
  'post.child': ['Barn', 'Child'],
  'post.open': ['Åbn som PDF', 'Open as PDF'],
  'post.sent': ['Breve til familien', 'Letters to the family'],
  'post.unread': ['Ulæst', 'Unread'],
  'post.openLabel': ['Åbn som PDF: {subject}', 'Open as PDF: {subject}'],
} as const;
