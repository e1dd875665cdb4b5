import { containsText } from './contains-text.util';
import { EnvelopeRule } from './docstudio-envelope.types';

/** `subject`: the envelope's subject contains it, ignoring case ("договір" matches "Новий Договір"). */
export const subjectRule: EnvelopeRule = (filter, envelope) => containsText(filter.subject, envelope.subject);
