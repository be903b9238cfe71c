-- The balance article lists what a balance can't buy in the reader's region, from restricted_category.
UPDATE help_article SET body = CONCAT(
    'Your balance pays for almost everything sold and shipped by {{brand}} on the [{{regionName}} store]({{storeUrl}}).\n',
    'It''s used automatically at checkout.\n\n',
    '## What it can''t buy in {{regionName}}\n\n',
    '{{restrictedCategories}}\n\n',
    'Balances can''t be transferred to another account or paid out as cash. ',
    'More on [What your balance can be used for](/restrictions).\n'),
    summary = 'Almost everything on the store. Here is what it can''t buy in your region.',
    last_reviewed = '2026-11-25'
WHERE slug = 'using-your-balance';
