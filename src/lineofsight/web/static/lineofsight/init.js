// Starts GOV.UK Frontend's components (menus, error summary focus). Pages work without it.
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
