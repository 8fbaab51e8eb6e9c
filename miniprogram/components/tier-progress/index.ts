/** Growth progress bar towards the next tier. */
Component({
  properties: {
    percent: { type: Number, value: 0 },
    text: { type: String, value: '' },
    color: { type: String, value: '#ffffff' },
  },
});
