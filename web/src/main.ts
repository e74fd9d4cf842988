// The web app's entry: the shell element, which loads the chain configuration and the views.
import { applyToDocument } from './shared/i18n/i18n.ts';
import './app-shell.ts';

applyToDocument();
