-- People recorded before consent history existed keep their contact consent flags: each true flag becomes the
-- history's first record, so people.consent_* and the current consents agree from the start.
INSERT INTO consent_records (person_id, consent_type, granted, purpose, data_categories, source, recorded_at)
SELECT p.id, c.consent_type, true, 'Contact about their enquiry and application', '["contact_details"]'::jsonb,
       'import', p.created_at
FROM people p
CROSS JOIN LATERAL (VALUES ('email_contact', p.consent_email), ('sms_contact', p.consent_sms),
                           ('phone_contact', p.consent_phone)) AS c(consent_type, flag)
WHERE c.flag
  AND NOT EXISTS (SELECT 1 FROM consent_records r WHERE r.person_id = p.id AND r.consent_type = c.consent_type);
